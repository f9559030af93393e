import { Type, type SchemaOptions, type Static } from '@sinclair/typebox'
// Values straight from warning-wording (import them from there too: a `export *` of it is invisible to Node here).
import { FamilyAlert } from './family'
import { CALL_RESULTS, EVIDENCE_KINDS, RESIDENT_ANSWERS, RISK_LEVELS, RISK_TYPES, VISIT_RESULTS, WARNING_OUTCOMES, WARNING_SOURCES } from './warning-wording'

/**
 * The three-level warning chain (预警劝阻): a warning (预警单) about a person at risk is pushed to them (level 1),
 * telephoned by the county centre (level 2) and, when that is not enough, visited by their township's police
 * station (level 3). See docs/warnings.md.
 */

const literals = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options
  )

export type { CallResult, EvidenceKind, ResidentAnswer, RiskLevel, RiskType, VisitResult, WarningOutcome, WarningSource } from './warning-wording'
const Phone = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'The phone of the person at risk: an 11-digit mainland mobile (+86, 0086, spaces and dashes allowed)'
})
const Evidence = Type.Object(
  {
    kind: literals(EVIDENCE_KINDS, { description: 'What the counterpart is' }),
    value: Type.String({ minLength: 1, maxLength: 500, description: 'The fraud number, address, account or app name' }),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'When the contact, visit, install or transfer happened' })),
    amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Money at stake (yuan), e.g. the transfer intercepted' }))
  },
  { additionalProperties: false }
)

/** One warning as the city platform, a file or the console hands it over. */
export const WarningInput = Type.Object(
  {
    ref: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[\\x21-\\x7e]+$',
      description: "The sender's own reference: a re-send with the same source and ref changes nothing"
    }),
    phone: Phone,
    riskType: literals(RISK_TYPES),
    riskLevel: literals(RISK_LEVELS),
    evidence: Type.Optional(Evidence),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the sender learned of it; default now' })),
    townshipCode: Type.Optional(
      Type.String({ pattern: '^[0-9]{6,12}$', description: 'The township the number belongs to when the sender knows it (unregistered numbers)' })
    )
  },
  { additionalProperties: false }
)
export type WarningInput = Static<typeof WarningInput>

/** A line of POST /feeds/warnings: source is city or bank (the feed key's own). */
export const FeedLineResult = Type.Object({
  line: Type.Integer(),
  status: literals(['created', 'duplicate', 'rejected'] as const),
  id: Type.Optional(Type.String()),
  matched: Type.Optional(Type.Boolean({ description: 'The phone belongs to a registered resident' })),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String())
})
export const FeedResult = Type.Object(
  {
    created: Type.Integer(),
    duplicates: Type.Integer(),
    rejected: Type.Integer(),
    matched: Type.Integer(),
    lines: Type.Array(FeedLineResult, { description: 'Rejected and duplicate lines always; created lines too unless ?brief=1' })
  },
  { $id: 'FeedResult' }
)
export type FeedResult = Static<typeof FeedResult>

/** POST /admin/warnings: a warning added by hand (source county, or bank/city for one phoned in). */
export const ManualWarningRequest = Type.Object(
  {
    source: literals(['county', 'bank', 'city'] as const),
    ref: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' })),
    phone: Phone,
    riskType: literals(RISK_TYPES),
    riskLevel: literals(RISK_LEVELS),
    evidence: Type.Optional(Evidence),
    townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
    note: Type.Optional(Type.String({ maxLength: 500 }))
  },
  { additionalProperties: false }
)
export type ManualWarningRequest = Static<typeof ManualWarningRequest>

const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])

/** Who is contacting the resident, as the resident may see it (核验民警). */
export const Contact = Type.Object({
  kind: literals(['call', 'visit'] as const),
  name: Type.String({ description: 'Masked: 王** ' }),
  unit: Type.String(),
  policeNumberTail: Type.String({ description: 'The last 3 digits of the police number' }),
  code: Type.String({ description: 'The one-time code the caller reads out' }),
  since: DateTime
})
export type Contact = Static<typeof Contact>

/** The red card: one open warning as its resident sees it. */
export const ResidentWarning = Type.Object({
  id: Type.String(),
  riskType: literals(RISK_TYPES),
  riskLevel: literals(RISK_LEVELS),
  title: Type.String(),
  happened: Type.String({ description: 'What happened, in plain words' }),
  advice: Type.Array(Type.String(), { description: 'What to do, one step each' }),
  hotline: Type.String(),
  receivedAt: DateTime,
  answer: Type.Union([literals(RESIDENT_ANSWERS), Type.Null()]),
  contact: Type.Union([Contact, Type.Null()])
})
export type ResidentWarning = Static<typeof ResidentWarning>
export const MyWarnings = Type.Object(
  {
    items: Type.Array(ResidentWarning),
    family: Type.Array(FamilyAlert, { description: 'Copies of warnings about people I guard (家人守护), while they are open' })
  },
  { $id: 'MyWarnings' }
)
export type MyWarnings = Static<typeof MyWarnings>

export const AnswerRequest = Type.Object({ answer: literals(RESIDENT_ANSWERS) }, { additionalProperties: false })
export type AnswerRequest = Static<typeof AnswerRequest>

export const HelpRequest = Type.Object(
  {
    what: Type.Optional(Type.String({ maxLength: 300, description: "In the resident's words (optional)" }))
  },
  { additionalProperties: false }
)
export type HelpRequest = Static<typeof HelpRequest>

export const VerifyCallerRequest = Type.Object(
  {
    policeNumber: Type.String({ minLength: 1, maxLength: 20, description: '警号 as the caller said it' }),
    code: Type.String({ minLength: 1, maxLength: 10, description: 'The code the caller read out' })
  },
  { additionalProperties: false }
)
export type VerifyCallerRequest = Static<typeof VerifyCallerRequest>

export const VerifyCallerResult = Type.Object(
  {
    genuine: Type.Boolean(),
    message: Type.String({ description: 'What to do, in Chinese' }),
    contact: Type.Union([Contact, Type.Null()])
  },
  { $id: 'VerifyCallerResult' }
)
export type VerifyCallerResult = Static<typeof VerifyCallerResult>

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const TaskSummary = Type.Object({
  id: Type.String(),
  kind: literals(['call', 'visit'] as const),
  status: literals(TASK_STATUSES),
  dueAt: DateTime,
  overdue: Type.Boolean(),
  claimedBy: NullableString,
  claimedAt: NullableDateTime,
  attempts: Type.Integer(),
  nextTryAt: Type.Union([DateTime, Type.Null()], { description: 'After 无法接通: when the retry is due (the queue offers it from then)' }),
  escalatesFrom: Type.Union([DateTime, Type.Null()], {
    description: 'After a first 无法接通: another 无法接通 from this time sends the station; earlier ones only retry'
  })
})
export type TaskSummary = Static<typeof TaskSummary>

/** A warning as the console lists it: the phone masked. */
export const WarningSummary = Type.Object({
  id: Type.String(),
  source: literals(WARNING_SOURCES),
  ref: NullableString,
  phoneMasked: Type.String(),
  matched: Type.Boolean(),
  townshipCode: NullableString,
  townshipName: NullableString,
  villageName: NullableString,
  riskType: literals(RISK_TYPES),
  riskLevel: literals(RISK_LEVELS),
  level: Type.Integer({ minimum: 1, maximum: 3, description: 'The highest level reached' }),
  status: literals(['open', 'closed'] as const),
  answer: Type.Union([literals(RESIDENT_ANSWERS), Type.Null()]),
  outcome: Type.Union([literals(WARNING_OUTCOMES), Type.Null()]),
  overdue: Type.Boolean({ description: 'A task of this warning is past its time limit' }),
  answers: Type.Array(literals(RESIDENT_ANSWERS), { description: 'Every answer the resident gave on the red card, oldest first (answer is the latest)' }),
  unplacedVisit: Type.Boolean({ description: 'Open with a visit task but no township: no station sees it until the centre places it' }),
  receivedAt: DateTime,
  closedAt: NullableDateTime
})
export type WarningSummary = Static<typeof WarningSummary>

export const WarningListQuery = Type.Object(
  {
    status: Type.Optional(literals(['open', 'closed'] as const)),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
    source: Type.Optional(literals(WARNING_SOURCES)),
    riskType: Type.Optional(literals(RISK_TYPES)),
    townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
    overdue: Type.Optional(Type.Boolean()),
    phone: Type.Optional(
      Type.String({ minLength: 4, maxLength: 40, description: 'A full mobile number (the person, or a family guardian of theirs) or its last 4 digits' })
    ),
    sort: Type.Optional(
      literals(['newest', 'amount', 'risk'] as const, {
        description:
          'newest (default, paged by before); amount: money at stake or lost, largest first; risk: high risk, highest level, oldest first (no paging: the first `limit`)'
      })
    ),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'Paging: warnings with a smaller id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 }))
  },
  { additionalProperties: false }
)
export type WarningListQuery = Static<typeof WarningListQuery>

export const WarningList = Type.Object(
  {
    items: Type.Array(WarningSummary),
    next: NullableString,
    unplaced: Type.Array(WarningSummary, {
      description: 'The centre only, first page: open warnings whose visit has no township yet (oldest first), shown above the board'
    })
  },
  { $id: 'WarningList' }
)
export type WarningList = Static<typeof WarningList>

export const TimelineEvent = Type.Object({
  at: DateTime,
  type: Type.String({ description: 'received, level1_sent, answered, call_task, claimed, attempt, visit_task, overdue, closed …' }),
  actor: Type.String({ description: "系统, 居民, or the staff member's display name" }),
  text: Type.String({ description: 'The event in Chinese' })
})
export type TimelineEvent = Static<typeof TimelineEvent>

export const WarningDetail = Type.Object(
  {
    warning: WarningSummary,
    evidence: Type.Union([Evidence, Type.Null()]),
    note: NullableString,
    lossAmount: Type.Union([Type.Integer(), Type.Null()]),
    tasks: Type.Array(TaskSummary),
    timeline: Type.Array(TimelineEvent),
    script: Type.Array(Type.String(), { description: 'The call script for the risk type and evidence' })
  },
  { $id: 'WarningDetail' }
)
export type WarningDetail = Static<typeof WarningDetail>

/** A task as the one who works it sees it: the full phone only for the staff member holding it. */
export const TaskCard = Type.Object(
  {
    task: TaskSummary,
    warning: WarningSummary,
    evidence: Type.Union([Evidence, Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'In full while you hold the task, otherwise null' }),
    code: Type.Union([Type.String(), Type.Null()], { description: 'The one-time code to read out (while you hold the task)' }),
    script: Type.Array(Type.String()),
    family: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Masked: 王**' }),
        relation: Type.Union([Type.String(), Type.Null()], { description: 'What the guardian is to the resident, in Chinese (子女 …)' }),
        phone: Type.String({ description: 'In full while you hold the task, otherwise masked' }),
        answeredAt: Type.Union([DateTime, Type.Null()], { description: 'When they answered 已联系家人，没有转账' })
      }),
      { description: 'Family guardians: the second numbers to call' }
    ),
    person: Type.Object(
      {
        registered: Type.Boolean({ description: 'The phone belongs to a registered resident' }),
        name: Type.Union([Type.String(), Type.Null()], {
          description: 'Masked (张*兰); in full only through POST /admin/warnings/{id}/reveal, which is audited'
        }),
        age: Type.Union([Type.Integer(), Type.Null()])
      },
      { description: 'Who the warning is about, as far as the county knows them' }
    ),
    lossAmount: Type.Union([Type.Integer(), Type.Null()], { description: 'The loss recorded so far (已被骗 on the call or the visit)' }),
    notes: Type.Array(
      Type.Object({
        at: DateTime,
        actor: Type.String({ description: '居民, or the staff member who wrote it' }),
        text: Type.String({ description: 'What the resident wrote (我需要帮助), the note the warning came with, or an attempt with its result, loss and note' })
      }),
      { description: 'Oldest first: what the caller and the officer need to know before they call or knock' }
    ),
    accompany: Type.Union(
      [
        Type.Object({
          residentId: Type.String(),
          name: Type.String(),
          note: NullableString,
          requestedAt: DateTime
        }),
        Type.Null()
      ],
      { description: 'The grid worker asked to accompany this visit' }
    ),
    gridWorkers: Type.Array(Type.Object({ residentId: Type.String(), name: Type.String() }), {
      description: "Visits: the grid workers of the warning's village"
    }),
    related: Type.Array(Type.Object({ taskId: Type.String(), warningId: Type.String(), riskType: literals(RISK_TYPES), status: literals(TASK_STATUSES) }), {
      description: 'Other live tasks of this kind for the same phone (求助 and 举报有损失 from one person): worked together'
    })
  },
  { $id: 'TaskCard' }
)
export type TaskCard = Static<typeof TaskCard>
export const TaskList = Type.Object({ items: Type.Array(TaskCard) }, { $id: 'TaskList' })
export type TaskList = Static<typeof TaskList>

export const CallAttemptRequest = Type.Object(
  {
    result: literals(CALL_RESULTS),
    amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Loss in yuan (已被骗)' })),
    escalate: Type.Optional(Type.Boolean({ description: 'Send the station now, whatever the result' })),
    note: Type.Optional(Type.String({ maxLength: 500 }))
  },
  { additionalProperties: false }
)
export type CallAttemptRequest = Static<typeof CallAttemptRequest>

export const VisitOutcomeRequest = Type.Object(
  {
    result: literals(VISIT_RESULTS),
    amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    note: Type.Optional(Type.String({ maxLength: 500 }))
  },
  { additionalProperties: false }
)
export type VisitOutcomeRequest = Static<typeof VisitOutcomeRequest>

/** POST /admin/warnings/:id/place: where the person is (the operator asked them, or the centre assigns the station). */
export const PlaceWarningRequest = Type.Object(
  {
    townshipCode: Type.String({ pattern: '^[0-9]{6,12}$' }),
    villageCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' }))
  },
  { additionalProperties: false }
)
export type PlaceWarningRequest = Static<typeof PlaceWarningRequest>

/** Someone a task may be handed to (转派). */
export const TaskHolder = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: literals(['admin', 'operator', 'officer'] as const),
  unit: NullableString,
  holding: Type.Integer({ description: 'Tasks they hold now' })
})
export type TaskHolder = Static<typeof TaskHolder>
export const TaskHolderList = Type.Object({ items: Type.Array(TaskHolder) }, { $id: 'TaskHolderList' })
export type TaskHolderList = Static<typeof TaskHolderList>

export const ReassignRequest = Type.Object({ adminId: Type.String({ pattern: '^[0-9]{1,18}$' }) }, { additionalProperties: false })
export type ReassignRequest = Static<typeof ReassignRequest>

/** POST /admin/warnings/:id/reveal: the person's full details, with the reason recorded in the audit log. */
export const RevealRequest = Type.Object(
  {
    reason: Type.String({ minLength: 2, maxLength: 100, description: 'Why the details are needed (recorded with who and when)' })
  },
  { additionalProperties: false }
)
export type RevealRequest = Static<typeof RevealRequest>
export const RevealedPerson = Type.Object(
  {
    phone: Type.String(),
    name: NullableString,
    birthDate: NullableString,
    idNumber: Type.Union([Type.String(), Type.Null()], { description: 'In full when the resident gave it at registration' }),
    townshipName: NullableString,
    villageName: NullableString
  },
  { $id: 'RevealedPerson' }
)
export type RevealedPerson = Static<typeof RevealedPerson>
