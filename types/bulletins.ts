import { Type, type Static, type TSchema } from '@sinclair/typebox'

const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

// Body blocks: typed data, never markup. Clients render every string as text.
export const ParagraphBlock = Type.Object({ type: Type.Literal('paragraph'), text: Text(2000) }, { additionalProperties: false })
export const CaseBlock = Type.Object(
  {
    type: Type.Literal('case'),
    title: Type.Optional(Text(60)),
    fraudType: Text(20, 'e.g. 刷单返利'),
    channel: Text(30, 'How the scammer reached the victim, e.g. QQ群 / 电话 / 短信链接'),
    lossAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Loss in yuan' })),
    story: Text(2000)
  },
  { additionalProperties: false }
)
export const TableBlock = Type.Object(
  {
    type: Type.Literal('table'),
    caption: Type.Optional(Text(60)),
    columns: Type.Array(Text(20), { minItems: 1, maxItems: 6 }),
    rows: Type.Array(Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 6 }), {
      minItems: 1,
      maxItems: 50,
      description: 'Each row has as many cells as there are columns'
    })
  },
  { additionalProperties: false }
)
export const TipsBlock = Type.Object(
  { type: Type.Literal('tips'), title: Type.Optional(Text(40)), items: Type.Array(Text(200), { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false }
)
export const ImageBlock = Type.Object(
  {
    type: Type.Literal('image'),
    url: Type.String({ minLength: 1, maxLength: 500, description: 'https:// URL or a site path such as /media/…' }),
    alt: Text(100, 'What the image shows, for screen readers and slow networks'),
    caption: Type.Optional(Text(100))
  },
  { additionalProperties: false }
)
export const BulletinBlock = Type.Union([ParagraphBlock, CaseBlock, TableBlock, TipsBlock, ImageBlock])
export type BulletinBlock = Static<typeof BulletinBlock>

export const BULLETIN_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number]

export const BulletinInput = Type.Object(
  {
    title: Text(60),
    summaryShort: Text(20, "The subscribe message's thing field: at most 20 characters"),
    summary: Text(200, 'Shown in the list'),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    body: Type.Array(BulletinBlock, { minItems: 1, maxItems: 50 }),
    tags: Type.Array(Text(12), { maxItems: 6, description: 'Fraud types, e.g. 刷单返利' }),
    hotline: Type.Optional(Type.String({ pattern: '^[0-9-]{3,20}$', description: 'Defaults to 96110' })),
    audience: Type.Union([Type.Null(), Type.Array(Type.String({ pattern: '^[0-9]{6,15}$' }), { minItems: 1, maxItems: 20 })], {
      description: 'null = the whole county; otherwise township codes'
    }),
    severity: Type.Union([Type.Literal('routine'), Type.Literal('urgent')])
  },
  { additionalProperties: false }
)
export type BulletinInput = Static<typeof BulletinInput>

export const BulletinPatch = Type.Partial(BulletinInput, { additionalProperties: false, minProperties: 1 })
export type BulletinPatch = Static<typeof BulletinPatch>

export const ScheduleRequest = Type.Object({ at: Type.String({ format: 'date-time' }) })
export type ScheduleRequest = Static<typeof ScheduleRequest>

const IssueFields = {
  id: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()], { description: 'Set at publish' }),
  issueNo: Type.Union([Type.Integer(), Type.Null()], { description: 'Set at publish: 第N期 of that year, gap-free' }),
  title: Type.String(),
  summary: Type.String(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  tags: Type.Array(Type.String()),
  severity: Type.Union([Type.Literal('routine'), Type.Literal('urgent')]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
}

export const BulletinListItem = Type.Object({ ...IssueFields, unread: Type.Boolean() })
export type BulletinListItem = Static<typeof BulletinListItem>

export const BulletinPage = Type.Object({ items: Type.Array(BulletinListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }, { $id: 'BulletinPage' })
export type BulletinPage = Static<typeof BulletinPage>

export const BulletinDetail = Type.Object(
  {
    ...IssueFields,
    summaryShort: Type.String(),
    body: Type.Array(BulletinBlock),
    hotline: Type.String(),
    audience: Type.Union([Type.Null(), Type.Array(Type.String())])
  },
  { $id: 'BulletinDetail' }
)
export type BulletinDetail = Static<typeof BulletinDetail>

export const UnreadSummary = Type.Object(
  {
    count: Type.Integer(),
    urgent: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()], {
      description: 'The newest unread urgent bulletin, for the banner'
    })
  },
  { $id: 'UnreadSummary' }
)
export type UnreadSummary = Static<typeof UnreadSummary>

export const DeliveryStats = Type.Object({
  targeted: Type.Integer({ description: 'Residents the bulletin was addressed to' }),
  sent: Type.Integer(),
  inAppOnly: Type.Integer({ description: 'No send credit, no WeChat account, or the resident refused (43101)' }),
  failed: Type.Integer(),
  pending: Type.Integer({ description: 'Waiting, being sent, or waiting for a retry' }),
  unknown: Type.Integer({ description: 'A worker died while the message was with WeChat: not resent (see README)' }),
  read: Type.Integer({ description: 'Residents who opened the bulletin' })
})
export type DeliveryStats = Static<typeof DeliveryStats>

export const AdminBulletin = Type.Object(
  {
    ...IssueFields,
    summaryShort: Type.String(),
    body: Type.Array(BulletinBlock),
    hotline: Type.String(),
    audience: Type.Union([Type.Null(), Type.Array(Type.String())]),
    status: Type.Union(BULLETIN_STATUSES.map((s) => Type.Literal(s))),
    scheduledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    stats: DeliveryStats
  },
  { $id: 'AdminBulletin' }
)
export type AdminBulletin = Static<typeof AdminBulletin>

export const AdminBulletinList = Type.Object({ items: Type.Array(AdminBulletin) }, { $id: 'AdminBulletinList' })
export type AdminBulletinList = Static<typeof AdminBulletinList>

export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number]

export const SubscribeReport = Type.Object({
  results: Type.Record(Type.String({ maxLength: 64 }), Type.Union(SUBSCRIBE_RESULTS.map((r) => Type.Literal(r))), {
    description: 'What Taro.requestSubscribeMessage answered, template id → accept | reject | ban | filter'
  })
})
export type SubscribeReport = Static<typeof SubscribeReport>

export const SubscriptionState = Type.Object(
  {
    templates: Type.Array(
      Type.Object({
        templateId: Type.String(),
        purpose: Type.String(),
        credits: Type.Integer({ description: 'One-time sends left' }),
        longTerm: Type.Boolean({ description: 'A standing permission (long-term template)' })
      })
    )
  },
  { $id: 'SubscriptionState' }
)
export type SubscriptionState = Static<typeof SubscriptionState>

/** What each subscribe-message template is for: bulletins, a report's progress, a red-card warning (and guardians' copies). */
export const TEMPLATE_PURPOSES = ['bulletin', 'report', 'warning'] as const
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number]
/** How the resident sees each purpose (订阅提醒). */
export const TEMPLATE_PURPOSE_NAMES: Record<TemplatePurpose, string> = { bulletin: '预警信息', report: '举报进展', warning: '反诈预警' }

const TemplateId = Type.Union([Type.String(), Type.Null()])

export const PushConfig = Type.Object(
  {
    templates: Type.Object({ bulletin: TemplateId, report: TemplateId, warning: TemplateId } satisfies Record<TemplatePurpose, TSchema>, {
      description: 'The template id for each purpose (null: not configured); ask for one with Taro.requestSubscribeMessage'
    }),
    templateIds: Type.Array(Type.String(), {
      description: 'Deprecated (mini-program versions before 2026-12-07): the same ids in the order bulletin, report, warning'
    })
  },
  { $id: 'PushConfig' }
)
export type PushConfig = Static<typeof PushConfig>
