import { Type, type Static } from '@sinclair/typebox'
import { CheckKindSchema } from './kinds'
import { VERDICTS } from './check'

// The console's dashboard figures: one summary call for a period of China days (README "The console").
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Kind = CheckKindSchema
const Verdict = Type.Union(VERDICTS.map((v) => Type.Literal(v)))

export const StatsQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate
  },
  { additionalProperties: false }
)
export type StatsQuery = Static<typeof StatsQuery>

export const DashboardStats = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    townshipCode: Type.Union([Type.String(), Type.Null()], { description: 'Set for an officer: every figure is for that township' }),
    registrations: Type.Array(Type.Object({ day: IsoDate, count: Type.Integer() }), {
      description: 'New registrations per day (still registered), every day of the period'
    }),
    checks: Type.Union([Type.Array(Type.Object({ day: IsoDate, kind: Kind, verdict: Verdict, count: Type.Integer() })), Type.Null()], {
      description: 'Checks per day, kind and verdict (anonymous ones too). Null for officers: checks store no place'
    }),
    reports: Type.Object({
      received: Type.Integer(),
      confirmed: Type.Integer(),
      rejected: Type.Integer(),
      open: Type.Integer({ description: 'Waiting for review now (any age)' }),
      perDay: Type.Array(Type.Object({ day: IsoDate, received: Type.Integer(), confirmed: Type.Integer() }))
    }),
    bulletins: Type.Object({
      published: Type.Integer({ description: 'Published in the period (withdrawn later included)' }),
      targeted: Type.Integer(),
      sent: Type.Integer({ description: 'Subscribe messages WeChat accepted' }),
      inAppOnly: Type.Integer({ description: 'No send credit: shown in the app only' }),
      failed: Type.Integer(),
      pending: Type.Integer(),
      read: Type.Integer(),
      readRate: Type.Number({ description: 'read / targeted, 0 when nothing was targeted' })
    }),
    blocklist: Type.Union(
      [
        Type.Object({
          total: Type.Integer({ description: 'Entries not removed' }),
          addedInPeriod: Type.Integer(),
          byCategory: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })),
          bySource: Type.Array(Type.Object({ source: Type.String(), count: Type.Integer() }))
        }),
        Type.Null()
      ],
      { description: 'The shared county list; null for officers' }
    )
  },
  { $id: 'DashboardStats' }
)
export type DashboardStats = Static<typeof DashboardStats>
