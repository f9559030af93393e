import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { DutyOverview } from '../../../types/duty.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import type { DutyRepository } from './repository.ts'
import { roleCan } from '../../../types/admin.ts'
import { countyDay, countyMidnightBefore } from '../../../types/county-day.ts'

/** GET /admin/duty: 值班概况 for every staff role, scoped to what the role works. */
export function dutyRoutes(repository: DutyRepository, admins: AdminService, clock: () => Date = () => new Date()) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get(
      '/admin/duty',
      {
        schema: {
          tags: ['admin: warnings'],
          summary:
            "值班概况: today's warnings, open and overdue calls and visits, losses and amounts stopped, who holds what, reports waiting; the menu's counts",
          security: [{ bearer: [] }],
          response: { 200: DutyOverview, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: requireCapability(admins, 'canViewDashboard')
      },
      async (request) => overview(repository, request.admin as AdminPrincipal, clock())
    )
  }
}

async function overview(repository: DutyRepository, admin: AdminPrincipal, now: Date): Promise<DutyOverview> {
  const dayStart = new Date(countyMidnightBefore(now))
  const warnings = roleCan(admin.role, 'canSeeWarnings')
  const township = admin.role === 'officer' ? admin.townshipCode : null
  const reviews = roleCan(admin.role, 'canReview')
  const [c, waiting, staff, newest] = await Promise.all([
    warnings ? repository.counts(township, dayStart, now) : null,
    reviews ? repository.reportsWaiting() : 0,
    roleCan(admin.role, 'canCall') ? repository.staffLoad(dayStart) : [],
    warnings ? repository.newestHighRisk(township) : []
  ])
  return {
    day: countyDay(now),
    warningsToday: c?.warnings_today ?? 0,
    highRiskToday: c?.high_today ?? 0,
    openCalls: township ? 0 : (c?.open_calls ?? 0),
    overdueCalls: township ? 0 : (c?.overdue_calls ?? 0),
    openVisits: c?.open_visits ?? 0,
    overdueVisits: c?.overdue_visits ?? 0,
    unplacedVisits: c?.unplaced ?? 0,
    lossToday: Number(c?.loss_today ?? 0),
    stoppedToday: Number(c?.stopped_today ?? 0),
    reportsWaiting: waiting,
    staff: staff.map((s) => ({ name: s.name, holding: s.holding, doneToday: s.done_today })),
    newestHighRisk: newest.map((w) => ({ id: w.id, riskType: w.risk_type, phoneMasked: w.phone_masked, receivedAt: w.received_at.toISOString() }))
  }
}
