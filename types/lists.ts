import { Type, type Static } from '@sinclair/typebox'
import { ValueKindSchema, type ValueKind } from './kinds'

// The shared blocklist as the centre's admin API sees it (README "Blocklist files" for the import formats).
const Kind = ValueKindSchema
export const BLOCK_SOURCE_VALUES = ['centre', 'city', 'bank', 'report', 'import'] as const
const Source = Type.Union(BLOCK_SOURCE_VALUES.map((s) => Type.Literal(s)))
/** The sources as clerks name them (console labels; a file may use either word). */
export const BLOCK_SOURCE_NAMES: Record<(typeof BLOCK_SOURCE_VALUES)[number], string> = {
  centre: '县反诈中心',
  city: '市反诈中心',
  bank: '银行',
  report: '群众举报',
  import: '导入'
}
/** What a clerk may write in a file's kind column for each kind. */
export const BLOCK_KIND_WORDS: Record<ValueKind, readonly string[]> = {
  phone: ['phone', '号码', '电话', '电话号码', '手机', '手机号'],
  url: ['url', '网址', '链接', '网站', '域名'],
  account: ['account', '账户', '账号', '银行卡', '卡号', '收款账户']
}
const EntryStatus = Type.Union([Type.Literal('active'), Type.Literal('appealed'), Type.Literal('removed')])

export const BlocklistEntry = Type.Object(
  {
    id: Type.String(),
    kind: Kind,
    value: Type.String({ description: 'Normalized: +86… for numbers, the ASCII host without www. for addresses, digits or lower case for accounts' }),
    category: Type.String({ description: 'Fraud type' }),
    source: Source,
    note: Type.Union([Type.String(), Type.Null()]),
    status: EntryStatus,
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'BlocklistEntry' }
)
export type BlocklistEntry = Static<typeof BlocklistEntry>

export const BlocklistPage = Type.Object(
  {
    items: Type.Array(BlocklistEntry),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `after` for the next page; null on the last' })
  },
  { $id: 'BlocklistPage' }
)
export type BlocklistPage = Static<typeof BlocklistPage>

export const BlocklistQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    status: Type.Optional(EntryStatus),
    q: Type.Optional(Type.String({ maxLength: 64, description: 'Part of the normalized value' })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Fraud type, exactly' })),
    source: Type.Optional(Source),
    after: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 }))
  },
  { additionalProperties: false }
)
export type BlocklistQuery = Static<typeof BlocklistQuery>

export const PutEntryRequest = Type.Object(
  {
    kind: Kind,
    value: Type.String({ minLength: 1, maxLength: 2048, description: 'As typed; normalized like the checks do' }),
    category: Type.String({ minLength: 1, maxLength: 32 }),
    source: Type.Optional(Source),
    note: Type.Optional(Type.String({ maxLength: 200 })),
    expiresAt: Type.Optional(
      Type.Union([Type.String({ maxLength: 40, description: '2027-01-31 (through that day, China time) or an ISO instant' }), Type.Null()])
    )
  },
  { additionalProperties: false }
)
export type PutEntryRequest = Static<typeof PutEntryRequest>

export const EntryStatusRequest = Type.Object(
  {
    kind: Kind,
    value: Type.String({ minLength: 1, maxLength: 2048 }),
    status: Type.Union([Type.Literal('active'), Type.Literal('removed')]),
    note: Type.Optional(Type.String({ maxLength: 200, description: 'Why (kept in the audit log)' }))
  },
  { additionalProperties: false }
)
export type EntryStatusRequest = Static<typeof EntryStatusRequest>

export const ImportSummary = Type.Object(
  {
    added: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Integer(),
    rejections: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }), {
      description: 'The first 1,000 rejected lines (an Excel file: by row)'
    }),
    encoding: Type.Optional(
      Type.Union([Type.Literal('utf-8'), Type.Literal('gb18030'), Type.Literal('xlsx'), Type.Null()], {
        description: 'How the file was read: UTF-8, GBK/GB18030 (detected), an Excel workbook; null: plain ASCII'
      })
    )
  },
  { $id: 'ImportSummary' }
)
export type ImportSummary = Static<typeof ImportSummary>

// ---- The phones' offline copy of the blocklist (rules/blocklist-snapshot.ts) ----

export const SnapshotQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ maxLength: 60, description: 'The version the phone holds (its ETag): the answer is then the changes since, or 304' }))
  },
  { additionalProperties: false }
)
export type SnapshotQuery = Static<typeof SnapshotQuery>
