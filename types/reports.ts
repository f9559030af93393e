import { Type, type Static } from '@sinclair/typebox'
import { MAX_MESSAGE_LENGTH } from './check-limits'
import { CheckKindSchema, ValueKindSchema } from './kinds'

// A report names a number, an address, an account, or a whole message (with the parts the check found in it).
const Kind = CheckKindSchema
const ListKind = ValueKindSchema

/** A part of a reported message, as the message check found it: what the reviewer sees marked and may list. */
export const ReportPart = Type.Object({
  kind: Type.String(),
  text: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  value: Type.String(),
  verdict: Type.String()
})
export type ReportPart = Static<typeof ReportPart>
export const REPORT_STATUSES = ['submitted', 'reviewing', 'confirmed', 'rejected'] as const
const Status = Type.Union(REPORT_STATUSES.map((s) => Type.Literal(s)))

export const ReportRequest = Type.Object(
  {
    kind: Kind,
    value: Type.String({
      minLength: 1,
      maxLength: MAX_MESSAGE_LENGTH,
      description: 'The number, address or account as the resident has it, or the whole message'
    }),
    channel: Type.Optional(Type.String({ maxLength: 30, description: 'How they were contacted: 电话, 短信, 微信, QQ …' })),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    lossAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Money lost, in yuan' })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    screenshots: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }), { maxItems: 3, description: 'Ids from POST /reports/screenshots' }))
  },
  { additionalProperties: false }
)
export type ReportRequest = Static<typeof ReportRequest>

export const MyReport = Type.Object(
  {
    id: Type.String(),
    kind: Kind,
    value: Type.String({ description: 'Normalized' }),
    input: Type.String(),
    channel: Type.Union([Type.String(), Type.Null()]),
    lossAmount: Type.Union([Type.Integer(), Type.Null()]),
    status: Status,
    outcome: Type.Union([Type.String(), Type.Null()], { description: 'What the centre decided, in Chinese' }),
    screenshots: Type.Array(Type.String(), { description: 'Ids; GET /me/screenshots/{id}' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'MyReport' }
)
export type MyReport = Static<typeof MyReport>
export const MyReports = Type.Object({ items: Type.Array(MyReport) }, { $id: 'MyReports' })
export type MyReports = Static<typeof MyReports>

export const QueueItem = Type.Object({
  kind: Kind,
  value: Type.String(),
  reporters: Type.Integer({ description: 'Distinct residents' }),
  totalLoss: Type.Integer(),
  status: Status,
  latestAt: Type.String({ format: 'date-time' }),
  reports: Type.Array(
    Type.Object({
      id: Type.String(),
      residentId: Type.String(),
      input: Type.String(),
      channel: Type.Union([Type.String(), Type.Null()]),
      lossAmount: Type.Union([Type.Integer(), Type.Null()]),
      description: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String({ format: 'date-time' }),
      value: Type.String({ description: 'The value this report named (differs from the group value once merged)' }),
      parts: Type.Array(ReportPart, { description: 'A reported message: its parts and their spans in `input`; empty for other kinds' }),
      screenshots: Type.Array(Type.String(), { description: 'Ids; GET /admin/reports/screenshots/{id}' })
    })
  )
})
export type QueueItem = Static<typeof QueueItem>
export const ReviewQueue = Type.Object({ items: Type.Array(QueueItem) }, { $id: 'ReviewQueue' })
export type ReviewQueue = Static<typeof ReviewQueue>

export const ScreenshotReceipt = Type.Object({ id: Type.String(), contentType: Type.String(), size: Type.Integer() }, { $id: 'ScreenshotReceipt' })
export type ScreenshotReceipt = Static<typeof ScreenshotReceipt>

export const MergeRequest = Type.Object(
  {
    kind: ListKind,
    into: Type.String({ maxLength: 2048, description: 'The value whose group absorbs the others' }),
    values: Type.Array(Type.String({ maxLength: 2048 }), { minItems: 1, maxItems: 20 })
  },
  { additionalProperties: false }
)
export type MergeRequest = Static<typeof MergeRequest>

export const ReviewRequest = Type.Union([
  Type.Object(
    {
      kind: Kind,
      value: Type.String({ maxLength: 2048 }),
      action: Type.Literal('confirm'),
      category: Type.String({ minLength: 1, maxLength: 32 }),
      outcome: Type.Optional(Type.String({ maxLength: 200 })),
      parts: Type.Optional(
        Type.Array(Type.Object({ kind: ListKind, value: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false }), {
          maxItems: 20,
          description: 'A message: the parts to list (the group itself is not a list entry)'
        })
      )
    },
    { additionalProperties: false }
  ),
  Type.Object(
    { kind: Kind, value: Type.String({ maxLength: 2048 }), action: Type.Literal('reject'), reason: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false }
  )
])
export type ReviewRequest = Static<typeof ReviewRequest>

export const AppealRequest = Type.Object(
  {
    kind: ListKind,
    value: Type.String({ minLength: 1, maxLength: 2048 }),
    contact: Type.String({ minLength: 5, maxLength: 60, description: 'How the centre reaches you (a phone number); stored encrypted' }),
    reason: Type.String({ minLength: 2, maxLength: 500 })
  },
  { additionalProperties: false }
)
export type AppealRequest = Static<typeof AppealRequest>

export const AppealReceipt = Type.Object({ id: Type.String(), status: Type.Literal('open'), message: Type.String() }, { $id: 'AppealReceipt' })
export type AppealReceipt = Static<typeof AppealReceipt>

export const AdminAppeal = Type.Object({
  id: Type.String(),
  kind: ListKind,
  value: Type.String(),
  contact: Type.String(),
  reason: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('removed'), Type.Literal('kept')]),
  decision: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' })
})
export type AdminAppeal = Static<typeof AdminAppeal>

export const AppealDecision = Type.Object(
  { decision: Type.Union([Type.Literal('remove'), Type.Literal('keep')]), note: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false }
)
export type AppealDecision = Static<typeof AppealDecision>
