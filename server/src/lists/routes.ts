import { PassThrough, Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BlocklistEntry, BlocklistPage, BlocklistQuery, EntryStatusRequest, ImportSummary, PutEntryRequest } from '../../../types/lists.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { AppError, storeUnreachable } from '../plugins/errors.ts'
import type { BlocklistAdminService } from './admin-service.ts'
import { FEED_FORMATS, type FeedFormat } from './feed.ts'
import { decodeToUtf8 } from './encoding.ts'
import { templateCsv, templateXlsx, xlsxAsCsv } from './xlsx.ts'

type FileFormat = FeedFormat | 'xlsx'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const FILE_TYPES: Record<string, FileFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  [XLSX_TYPE]: 'xlsx'
}
const FILE_FORMATS: readonly FileFormat[] = [...FEED_FORMATS, 'xlsx']
const FormatQuery = Type.Object({ format: Type.Optional(Type.Union(FILE_FORMATS.map((f) => Type.Literal(f)))) }, { additionalProperties: false })
const TemplateQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) }, { additionalProperties: false })

async function bytesOf(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const all: Buffer[] = []
  for await (const chunk of chunks) all.push(chunk)
  return Buffer.concat(all)
}

/**
 * The upload as it arrives, failing past `max` bytes, so it never has to be buffered to be limited. The request is
 * not destroyed on the way out (that would close the socket before the 413 is sent); the caller drains it.
 */
async function* limitBytes(body: Readable, max: number): AsyncGenerator<Buffer> {
  let seen = 0
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    seen += chunk.length
    if (seen > max)
      throw new AppError(413, 'IMPORT_TOO_LARGE', `文件超过 ${Math.floor(max / 1e6)} MB：请拆分后分批导入（已导入的部分保留，重复导入不会重复添加）`)
    yield chunk
  }
}

export function blocklistAdminRoutes(service: BlocklistAdminService, admins: AdminService, maxImportBytes: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const security = [{ bearer: [] }]
    const guard = requireCapability(admins, 'canReview')
    // Import bodies are streamed into the database as they arrive, never buffered whole (this plugin's scope only;
    // JSON bodies keep Fastify's parser). Other file-like types reach the handler, which names the accepted ones;
    // a body without a Content-Type is refused by Fastify (415).
    app.addContentTypeParser(
      [...Object.keys(FILE_TYPES), 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded'],
      (_request, payload, done) => done(null, payload)
    )

    api.get(
      '/admin/blocklist',
      {
        schema: {
          tags: ['admin: blocklist'],
          summary: 'Entries, newest first; filter by kind, status or part of the value',
          security,
          querystring: BlocklistQuery,
          response: { 200: BlocklistPage, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: guard
      },
      async (request) => service.list(request.query)
    )

    api.put(
      '/admin/blocklist',
      {
        schema: {
          tags: ['admin: blocklist'],
          summary: 'Add or edit one entry (category, source, note, expiry); audited',
          security,
          body: PutEntryRequest,
          response: { 200: BlocklistEntry, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: guard,
        config: {
          validationErrorCode: 'BLOCKLIST_ENTRY_INVALID' as const,
          validationErrorMessage: '条目不完整：需要类型、号码/网址/账户和诈骗类型（最多32个字）'
        }
      },
      async (request) => service.put(request.admin?.id as string, request.body)
    )

    api.post(
      '/admin/blocklist/status',
      {
        schema: {
          tags: ['admin: blocklist'],
          summary: 'Remove an entry (stops matching at once) or restore it; audited',
          security,
          body: EntryStatusRequest,
          response: { 200: BlocklistEntry, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: guard
      },
      async (request) => service.setStatus(request.admin?.id as string, request.body)
    )

    api.post(
      '/admin/blocklist/import',
      {
        schema: {
          tags: ['admin: blocklist'],
          security,
          querystring: FormatQuery,
          consumes: ['text/csv', 'application/x-ndjson', XLSX_TYPE],
          summary:
            'Import a CSV, JSON-lines or Excel (.xlsx) file (bad lines reported by number — an Excel file by its row; re-running changes nothing); audited',
          description:
            'Send the file as the body with Content-Type text/csv, application/x-ndjson or the .xlsx type (or ?format=csv|jsonl|xlsx). ' +
            'Text files may be UTF-8 (with or without BOM) or GBK/GB18030 (Excel\'s "CSV" on Chinese Windows): the encoding is detected and reported; ' +
            'a line that still holds undecodable bytes is refused, never stored garbled. Kinds and sources may be written in Chinese (号码/网址/账户; 县反诈中心 …).',
          response: { 200: ImportSummary, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 413: ApiErrorBody, 415: ApiErrorBody }
        },
        onRequest: guard
      },
      async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
        const format = request.query.format ?? FILE_TYPES[type]
        const body = request.body as Readable | undefined
        if (!format || !body || typeof body.pipe !== 'function') {
          throw new AppError(415, 'IMPORT_FORMAT', '请上传 CSV、JSON行 或 Excel（.xlsx）文件')
        }
        try {
          if (format === 'xlsx') {
            // A zip has its directory at the end: the file is read whole (within the same size limit), then imported as CSV rows.
            const rows = await xlsxAsCsv(await bytesOf(limitBytes(body, maxImportBytes)))
            return { ...(await service.import(request.admin?.id as string, rows, 'csv')), encoding: 'xlsx' as const }
          }
          let encoding: 'utf-8' | 'gb18030' | null = null
          const text = Readable.from(
            decodeToUtf8(limitBytes(body, maxImportBytes), (e) => {
              encoding = e
            })
          )
          const summary = await service.import(request.admin?.id as string, text, format)
          return { ...summary, encoding }
        } catch (err) {
          if (err instanceof AppError) {
            // Let the rest of a refused upload drain so the answer reaches the client.
            body.resume()
            throw err
          }
          // The database went away mid-import: 503 like any request that needs it (the batches stored so far stay).
          if (storeUnreachable(err)) {
            body.resume()
            throw err
          }
          // The upload broke off (client gone, connection reset): the batches stored so far stay.
          if (body.destroyed || (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as Error).message === 'aborted') {
            throw new AppError(400, 'IMPORT_INTERRUPTED', '上传中断：已导入的部分保留，可重新上传（重复导入不会重复添加）')
          }
          throw err
        }
      }
    )

    api.get(
      '/admin/blocklist/template',
      {
        schema: {
          tags: ['admin: blocklist'],
          summary: 'An import template (Chinese headers, three example rows that are refused if left in, notes on each column)',
          security,
          querystring: TemplateQuery,
          response: { 200: Type.String({ description: 'The file' }), 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: guard
      },
      async (request, reply) => {
        const xlsx = request.query.format === 'xlsx'
        return reply
          .header('content-type', xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="blocklist-template.${xlsx ? 'xlsx' : 'csv'}"`)
          .send((xlsx ? await templateXlsx() : templateCsv()) as unknown as string)
      }
    )

    api.get(
      '/admin/blocklist/export',
      {
        schema: {
          tags: ['admin: blocklist'],
          summary: 'The blocklist (every entry not removed) as CSV (with a BOM, for Excel), JSON lines or Excel (.xlsx), streamed',
          security,
          querystring: FormatQuery,
          response: { 200: Type.String({ description: 'The file, streamed' }), 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: guard
      },
      async (request, reply) => {
        const format = request.query.format ?? 'csv'
        await admins.audit(request.admin, 'blocklist.export', `file:${format}`)
        const out = new PassThrough()
        // Excel on Chinese Windows reads a CSV as UTF-8 only after a BOM; the import skips it.
        if (format === 'csv') out.write('\uFEFF')
        const written = format === 'xlsx' ? service.exportXlsx(out) : service.export(out, format)
        written.then(
          () => {
            if (format !== 'xlsx') out.end()
          },
          (err: Error) => out.destroy(err)
        )
        const day = new Date().toISOString().slice(0, 10)
        return (
          reply
            .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : format === 'xlsx' ? XLSX_TYPE : 'application/x-ndjson; charset=utf-8')
            .header('content-disposition', `attachment; filename="blocklist-${day}.${format}"`)
            // A stream is sent as it is (the 200 schema documents the body; it does not serialize it).
            .send(out as unknown as string)
        )
      }
    )
  }
}
