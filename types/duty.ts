import { Type, type Static } from '@sinclair/typebox'
import { RISK_TYPES } from './warning-wording'

/**
 * 值班概况: the first screen of a shift, scoped to the role (officers: their township's visits; reviewers: the review
 * queue). Also the menu's counts and the newest high-risk warnings the console announces.
 */
const Count = Type.Integer({ minimum: 0 })
export const DutyOverview = Type.Object(
  {
    day: Type.String({ description: 'Today, China time (YYYY-MM-DD)' }),
    warningsToday: Count,
    highRiskToday: Count,
    openCalls: Count,
    overdueCalls: Count,
    openVisits: Count,
    overdueVisits: Count,
    unplacedVisits: Count,
    lossToday: Type.Integer({ description: 'Yuan recorded lost today (已被骗 on calls and visits)' }),
    stoppedToday: Type.Integer({ description: 'Yuan at stake in warnings ended 劝阻成功 today' }),
    reportsWaiting: Count,
    staff: Type.Array(Type.Object({ name: Type.String(), holding: Count, doneToday: Count }), {
      description: 'The centre: who holds how many tasks now, and attempts recorded today'
    }),
    newestHighRisk: Type.Array(
      Type.Object({ id: Type.String(), riskType: Type.Union(RISK_TYPES.map((t) => Type.Literal(t))), phoneMasked: Type.String(), receivedAt: Type.String() }),
      { description: 'The 5 newest open high-risk warnings in scope (the console announces one it has not seen)' }
    )
  },
  { $id: 'DutyOverview' }
)
export type DutyOverview = Static<typeof DutyOverview>
