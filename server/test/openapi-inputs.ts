// Requests generated from the OpenAPI document the server publishes (/docs/json): valid ones (every documented
// constraint held) and broken ones (wrong types, missing fields, bad framing, hostile text). The property test
// (fuzz.test.ts) and the authorization matrix (authz-matrix.test.ts) both start from here, so a new route or a changed
// schema is exercised without anyone writing its inputs by hand.
import fc from 'fast-check'

export interface JsonSchema {
  $ref?: string
  type?: string
  format?: string
  pattern?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  minProperties?: number
}

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonSchema
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** As documented, e.g. /api/v1/admin/bulletins/{id}. */
  path: string
  /** As Fastify routes it, e.g. /api/v1/admin/bulletins/:id. */
  route: string
  pathParams: Parameter[]
  query: Parameter[]
  body: { contentType: string; schema: JsonSchema } | null
}

/** A request as app.inject() takes it. */
export interface GeneratedRequest {
  method: Operation['method']
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** What kind of input this is, for the failure message. */
  kind: string
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? []
      const content = op.requestBody?.content ?? {}
      const contentType = Object.keys(content)[0]
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: contentType ? { contentType, schema: content[contentType].schema } : null
      })
    }
  }
  return ops
}

// ---- valid values ------------------------------------------------------------------------------------------------

/** Text the way residents and clerks type it: Chinese, numbers in all their forms, addresses, emoji, spaces. */
const HUMAN_TEXT = [
  '刷单返利',
  '冒充客服退款',
  '13800138000',
  '+86 138 0013 8000',
  '0086-10-12345678',
  '００８５２９８７６５４３２',
  '95588',
  'https://example.cn/a?b=1',
  'wxid_abc123',
  '6222 0202 0000 1234',
  '张三',
  '县反诈中心',
  '   ',
  '😀👍',
  'a',
  '0',
  '-1',
  'null',
  '<script>alert(1)</script>',
  "'; DROP TABLE residents; --",
  '../../etc/passwd',
  '%00',
  '\\u0000',
  'Ⅻ',
  '‮abc',
  'x'.repeat(64)
]

/** Strings for a tiny regex subset (anchors, classes, \d, literals, {m,n} ? * +): the patterns our schemas use. */
function patternArbitrary(pattern: string): fc.Arbitrary<string> | null {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '')
  const atoms: Array<{ chars: string[]; min: number; max: number }> = []
  let i = 0
  const range = (from: string, to: string) =>
    Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, k) => String.fromCharCode(from.charCodeAt(0) + k))
  while (i < body.length) {
    let chars: string[]
    const c = body[i]
    if (c === '[') {
      const end = body.indexOf(']', i)
      if (end < 0) return null
      const set = body.slice(i + 1, end)
      if (set.startsWith('^')) return null
      chars = []
      for (let k = 0; k < set.length; k++) {
        if (set[k] === '\\') {
          chars.push(...(set[k + 1] === 'd' ? range('0', '9') : [set[k + 1]]))
          k++
          continue
        }
        if (set[k + 1] === '-' && k + 2 < set.length) {
          chars.push(...range(set[k], set[k + 2]))
          k += 2
          continue
        }
        chars.push(set[k])
      }
      i = end + 1
    } else if (c === '\\') {
      const n = body[i + 1]
      chars = n === 'd' ? range('0', '9') : n === 'w' ? [...range('a', 'z'), ...range('0', '9'), '_'] : [n]
      i += 2
    } else if ('()|.'.includes(c)) {
      return null
    } else {
      chars = [c]
      i++
    }
    let min = 1
    let max = 1
    const q = body[i]
    if (q === '{') {
      const end = body.indexOf('}', i)
      const [a, b] = body.slice(i + 1, end).split(',')
      min = Number(a)
      max = b === undefined ? min : b === '' ? min + 8 : Number(b)
      i = end + 1
    } else if (q === '?') {
      min = 0
      max = 1
      i++
    } else if (q === '*') {
      min = 0
      max = 8
      i++
    } else if (q === '+') {
      min = 1
      max = 8
      i++
    }
    atoms.push({ chars, min, max })
  }
  return fc
    .tuple(...atoms.map((a) => fc.array(fc.constantFrom(...a.chars), { minLength: a.min, maxLength: a.max }).map((x) => x.join(''))))
    .map((parts) => parts.join(''))
}

const iso = (d: Date) => d.toISOString()
const DAYS = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })

function fitLength(s: string, min: number, max: number): string {
  const chars = [...s]
  if (chars.length > max) return chars.slice(0, max).join('')
  return chars.length < min ? chars.join('') + '字'.repeat(min - chars.length) : s
}

function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  if (!schema.$ref) return schema
  const name = schema.$ref.split('/').pop() as string
  const target = doc.components?.schemas?.[name]
  if (!target) throw new Error(`unresolved ${schema.$ref}`)
  return resolve(target, doc)
}

/** Values that satisfy `schema` (as far as the document says; the server may still refuse them on meaning). */
export function validValue(input: JsonSchema, doc: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input, doc)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, doc, depth + 1)))
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type] : ['string']
  return fc.oneof(...types.map((type) => validOfType(type, schema, doc, depth)))
}

function validOfType(type: string, schema: JsonSchema, doc: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000)
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000_000)
      return type === 'integer'
        ? fc.oneof(fc.constantFrom(min, max), fc.integer({ min: Math.ceil(min), max: Math.floor(max) }))
        : fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }))
    }
    case 'array': {
      const minLength = schema.minItems ?? 0
      return fc.array(schema.items ? validValue(schema.items, doc, depth + 1) : fc.string(), {
        minLength,
        maxLength: Math.min(schema.maxItems ?? minLength + 3, minLength + 3)
      })
    }
    case 'object': {
      const properties = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s, doc, depth + 1)])), {
        requiredKeys: Object.keys(properties).filter((k) => required.has(k))
      })
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), validValue(schema.additionalProperties, doc, depth + 1), { maxKeys: 3 })
          : fc.constant({})
      return fc
        .tuple(record, extra)
        .map(([r, e]) => ({ ...e, ...r }))
        .filter((o) => Object.keys(o).length >= (schema.minProperties ?? 0))
    }
    default: {
      const min = schema.minLength ?? 0
      const max = schema.maxLength ?? 200
      if (schema.format === 'date-time') return DAYS.map(iso)
      if (schema.format === 'date') return DAYS.map((d) => iso(d).slice(0, 10))
      if (schema.format === 'binary') return fc.constant('')
      if (schema.pattern) {
        const generated = patternArbitrary(schema.pattern)
        if (generated) return generated.map((s) => fitLength(s, min, max))
      }
      return fc
        .oneof(fc.constantFrom(...HUMAN_TEXT), fc.string({ unit: 'grapheme', maxLength: Math.min(max, 80) }), fc.string({ unit: 'binary', maxLength: 20 }))
        .map((s) => fitLength(s, min, max))
    }
  }
}

// ---- broken values -----------------------------------------------------------------------------------------------

/** Things no schema allows but clients (and attackers) send anyway. */
const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    1.5,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    '9'.repeat(40),
    '-9223372036854775809',
    '1e999',
    'NaN',
    'Infinity',
    [],
    {},
    [[]],
    { $ne: null },
    { __proto__: { polluted: true } },
    { constructor: { prototype: {} } },
    'x'.repeat(70_000),
    '字'.repeat(5_000),
    '2026-02-30',
    '2026-13-01T00:00:00Z',
    '0000-00-00',
    '9999-12-31T23:59:59Z'
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.anything({ maxDepth: 3 })
)

/** A valid value with one part broken: a field removed, retyped, made hostile, or one added. */
function brokenValue(schema: JsonSchema, doc: OpenApiDocument): fc.Arbitrary<unknown> {
  return fc.tuple(validValue(schema, doc), HOSTILE, fc.nat(), fc.constantFrom('replace', 'remove', 'add', 'whole')).map(([value, hostile, pick, how]) => {
    if (how === 'whole' || value === null || typeof value !== 'object') return hostile
    const paths = objectPaths(value)
    const path = paths[pick % paths.length]
    return mutate(structuredClone(value), path, how, hostile)
  })
}

function objectPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => objectPaths(v, [...prefix, k]))]
}

function mutate(root: unknown, path: Array<string | number>, how: string, hostile: unknown): unknown {
  if (path.length === 0) return how === 'add' && root && typeof root === 'object' && !Array.isArray(root) ? { ...root, unexpectedField: hostile } : hostile
  let parent = root as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (how === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else if (how === 'add' && parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    ;(parent[last] as Record<string, unknown>).unexpectedField = hostile
  } else {
    parent[last] = hostile
  }
  return root
}

/** Path segments and query values that are not what the route expects. */
const HOSTILE_SEGMENT = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '99999999999999999999999',
    '9223372036854775808',
    'abc',
    '%00',
    '%ff',
    '%E4%B8',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    'null',
    'undefined',
    '%20',
    encodeURIComponent('字'.repeat(300)),
    'a'.repeat(3000),
    '%F0%9F%98%80',
    '%ED%A0%80',
    'x%0Ay',
    '1;DROP'
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent)
)

// ---- requests ----------------------------------------------------------------------------------------------------

function queryString(pairs: Array<[string, string]>): string {
  return pairs.length === 0 ? '' : '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? encodeURIComponent(value) : encodeURIComponent(JSON.stringify(value) ?? '')
}

function validPath(op: Operation, doc: OpenApiDocument): fc.Arbitrary<string> {
  return fc
    .tuple(
      ...op.pathParams.map((p) => fc.oneof(validValue(p.schema, doc), fc.constantFrom('1', '2', '999999', 'shuadan')).map((v) => [p.name, String(v)] as const))
    )
    .map((pairs) => pairs.reduce((url, [name, v]) => url.replace(`{${name}}`, encodeURIComponent(v) || 'x'), op.path))
}

function validQuery(op: Operation, doc: OpenApiDocument): fc.Arbitrary<Array<[string, string]>> {
  return fc
    .tuple(
      ...op.query.map((p) =>
        (p.required ? validValue(p.schema, doc) : fc.option(validValue(p.schema, doc), { nil: undefined, freq: 2 })).map((v) => [p.name, v] as const)
      )
    )
    .map((pairs) => pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [k, stringify(v)] as [string, string]))
}

const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300', 'hex')
const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex')
const MP4_HEAD = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.from('0000006c6d6f6f760000006c6d766864', 'hex')])

/** File bodies: real headers cut short, random bytes, empty, text pretending to be an image. */
const FILE_BYTES: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom(JPEG_HEAD, PNG_HEAD, MP4_HEAD, Buffer.alloc(0), Buffer.from('GIF89a'), Buffer.from('<svg onload=alert(1)>')),
  fc.tuple(fc.constantFrom(JPEG_HEAD, PNG_HEAD, MP4_HEAD), fc.uint8Array({ maxLength: 200 })).map(([h, tail]) => Buffer.concat([h, Buffer.from(tail)])),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))
)

const CSV_LINES = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'kind,value,category',
        'phone,13800138000,刷单返利',
        'url,https://a.example/,虚假投资',
        'account,wxid_1,冒充客服',
        ',,,',
        '"unterminated',
        'phone,\u0000,x'
      ),
      fc.string({ maxLength: 60 })
    ),
    { maxLength: 6 }
  )
  .map((lines) => Buffer.from(lines.join('\n')))

function multipartBody(file: Buffer, how: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----qiandaifuzz'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${how === 'wrong-field' ? 'other' : 'file'}"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const whole = Buffer.concat([head, file, tail])
  switch (how) {
    case 'no-boundary':
      return { payload: whole, headers: { 'content-type': 'multipart/form-data' } }
    case 'cut':
      return {
        payload: whole.subarray(0, Math.max(1, whole.length - tail.length - 3)),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
      }
    case 'two-files':
      return {
        payload: Buffer.concat([head, file, Buffer.from('\r\n'), head, file, tail]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
      }
    case 'fields-only':
      return {
        payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
      }
    case 'empty':
      return { payload: Buffer.alloc(0), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
    default:
      return { payload: whole, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
  }
}

/** A request every documented constraint holds for (path, query and body). */
export function validRequest(op: Operation, doc: OpenApiDocument): fc.Arbitrary<GeneratedRequest> {
  return fc.tuple(validPath(op, doc), validQuery(op, doc), bodyFor(op, doc, true)).map(([path, query, body]) => ({
    method: op.method,
    url: path + queryString(query),
    headers: body.headers,
    payload: body.payload,
    kind: 'valid'
  }))
}

type Body = { headers: Record<string, string>; payload?: string | Buffer }

function bodyFor(op: Operation, doc: OpenApiDocument, valid: boolean): fc.Arbitrary<Body> {
  if (!op.body)
    return valid
      ? fc.constant({ headers: {} })
      : fc.constantFrom<Body>({ headers: { 'content-type': 'application/json' }, payload: '{"a":1}' }, { headers: {} })
  const { contentType, schema } = op.body
  if (contentType === 'multipart/form-data') {
    return fc
      .tuple(FILE_BYTES, fc.constantFrom(...(valid ? ['ok'] : ['ok', 'no-boundary', 'cut', 'two-files', 'fields-only', 'empty', 'wrong-field'])))
      .map(([file, how]) => multipartBody(file, how))
  }
  if (contentType !== 'application/json') {
    return fc
      .tuple(CSV_LINES, fc.constantFrom(contentType, ...(valid ? [] : ['text/plain', 'application/octet-stream', 'image/png'])))
      .map(([payload, type]) => ({ headers: { 'content-type': type }, payload }))
  }
  if (valid) return validValue(schema, doc).map((v) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(v) }))
  return fc.oneof(
    {
      weight: 6,
      arbitrary: brokenValue(schema, doc).map((v) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(v) ?? 'undefined' }))
    },
    // Framing: not JSON, JSON cut short, nested past any sane depth, the wrong content type, nothing at all.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"a":',
          'nul',
          '\u0000',
          '[1,2',
          '"\\ud800"',
          '{"a":"\\u0000"}',
          '['.repeat(5_000) + ']'.repeat(5_000),
          '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000),
          ''
        )
        .map((payload) => ({ headers: { 'content-type': 'application/json' }, payload }))
    },
    {
      weight: 1,
      arbitrary: validValue(schema, doc)
        .map((v) => JSON.stringify(v))
        .chain((payload) =>
          fc.constantFrom<Body>(
            { headers: { 'content-type': 'text/plain' }, payload },
            { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&b=2' },
            { headers: { 'content-type': 'application/json; charset=latin1' }, payload },
            { headers: { 'content-type': 'application/json' }, payload: payload.slice(0, Math.floor(payload.length / 2)) },
            { headers: {} }
          )
        )
    }
  )
}

/** A request with something wrong: in the path, the query, the body or its framing. */
export function brokenRequest(op: Operation, doc: OpenApiDocument): fc.Arbitrary<GeneratedRequest> {
  const brokenPath =
    op.pathParams.length === 0
      ? validPath(op, doc)
      : HOSTILE_SEGMENT.map((segment) => op.pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, i === 0 ? segment : '1'), op.path))
  const brokenQuery = fc
    .tuple(
      validQuery(op, doc),
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...op.query.map((q) => q.name).concat(['unknown', '__proto__', 'constructor'])),
            fc.string({ maxLength: 10 }).map(encodeURIComponent)
          ),
          fc.oneof(HOSTILE_SEGMENT, fc.constantFrom('', '%', '%zz', 'a&b', '[]', 'true'))
        ),
        { maxLength: 3 }
      )
    )
    .map(([valid, extra]) => [...valid, ...extra] as Array<[string, string]>)
  return fc
    .tuple(
      fc.constantFrom('path', 'query', 'body', 'body', 'body'),
      brokenPath,
      validPath(op, doc),
      brokenQuery,
      validQuery(op, doc),
      bodyFor(op, doc, false),
      bodyFor(op, doc, true)
    )
    .map(([where, badPath, goodPath, badQuery, goodQuery, badBody, goodBody]) => {
      const path = where === 'path' ? badPath : goodPath
      const query = where === 'query' ? badQuery : goodQuery
      const body = where === 'body' ? badBody : goodBody
      return { method: op.method, url: path + queryString(query), headers: body.headers, payload: body.payload, kind: `broken ${where}` }
    })
}
