import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AnswerRequest,
  CallAttemptRequest,
  FeedResult,
  HelpRequest,
  ManualWarningRequest,
  MyWarnings,
  PlaceWarningRequest,
  ReassignRequest,
  RevealRequest,
  RevealedPerson,
  TaskCard,
  TaskHolderList,
  TaskList,
  VerifyCallerRequest,
  VerifyCallerResult,
  VisitOutcomeRequest,
  WarningDetail,
  WarningList,
  WarningListQuery
} from '../../../types/warnings.ts'
import { WARNING_OUTCOMES } from '../../../types/warning-wording.ts'
import { FamilyAlertAnswer } from '../../../types/family.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { AppError } from '../plugins/errors.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import { requireResident } from '../plugins/auth.ts'
import { FEED_MAX_LINES, NOT_JSON } from './intake.ts'
import type { WarningService } from './service.ts'
import type { FeedKeys } from './feed-keys-repository.ts'

const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const security = [{ bearer: [] }]
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }

/** Feed lines are small; 10,000 of them fit well under this. */
const FEED_BODY_LIMIT = 16 * 1_048_576

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the feed-key guard. */
    feed: { name: string; source: 'city' | 'bank' } | null
  }
}

/** POST /feeds/warnings: the city platform's JSON lines, behind a feed key. */
export function warningFeedRoutes(service: WarningService, keys: FeedKeys) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.decorateRequest('feed', null)
    // Raw text: each line is parsed and judged on its own, so one bad line never refuses the batch.
    app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'string', bodyLimit: FEED_BODY_LIMIT }, (_req, body, done) =>
      done(null, body)
    )
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/feeds/warnings',
      {
        schema: {
          tags: ['warnings'],
          consumes: ['application/x-ndjson'],
          security: [{ feedKey: [] }],
          summary: `Warnings from the city platform or a bank: JSON lines (one WarningInput each), up to ${FEED_MAX_LINES.toLocaleString('en')} per call; per-line results; a re-sent ref is a duplicate`,
          querystring: Type.Object(
            { brief: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: list only rejected and duplicate lines' })) },
            { additionalProperties: false }
          ),
          body: Type.String({ description: 'One JSON object per line (see the WarningInput schema)' }),
          response: { 200: FeedResult, 400: ApiErrorBody, 401: ApiErrorBody, 413: ApiErrorBody }
        },
        onRequest: async (request: FastifyRequest) => {
          const header = request.headers.authorization
          const feed = header?.startsWith('Bearer ') ? await keys.authenticate(header.slice(7).trim()) : null
          if (!feed) throw new AppError(401, 'FEED_KEY_INVALID', '接口密钥无效或已停用')
          request.feed = feed
        },
        bodyLimit: FEED_BODY_LIMIT
      },
      async (request) => {
        const lines = parseJsonLines(request.body)
        if (lines.length === 0) throw new AppError(400, 'WARNING_INVALID', '没有收到预警数据：每行一条 JSON')
        if (lines.length > FEED_MAX_LINES) throw new AppError(413, 'FEED_TOO_LARGE', `一次最多 ${FEED_MAX_LINES} 行，请分批发送`)
        const result = await service.intake.ingest((request.feed as { source: 'city' | 'bank' }).source, lines)
        return request.query.brief === '1' ? { ...result, lines: result.lines.filter((l) => l.status !== 'created') } : result
      }
    )
  }
}

/** Blank lines are skipped; a line that is not JSON is passed on as a marker the intake rejects with its number. */
export function parseJsonLines(text: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = []
  const rows = text.split('\n')
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] as string).trim()
    if (row === '') continue
    let value: unknown
    try {
      value = JSON.parse(row)
    } catch {
      value = NOT_JSON
    }
    out.push({ line: i + 1, value })
  }
  return out
}

export function residentWarningRoutes(service: WarningService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get(
      '/me/warnings',
      {
        schema: {
          tags: ['warnings'],
          summary: 'My open warnings (the red card), with who is contacting me and their code',
          security,
          response: { 200: MyWarnings, 401: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request) => service.read.myWarnings(request.residentId as string)
    )

    api.post(
      '/me/family/alerts/:id/answer',
      {
        schema: {
          tags: ['family'],
          summary: "Answer a copy of a family member's warning: 已联系家人，没有转账",
          security,
          params: Id,
          body: FamilyAlertAnswer,
          response: { 200: MyWarnings, ...errors }
        },
        onRequest: requireResident
      },
      async (request) => {
        await service.chain.answerAsGuardian(request.residentId as string, request.params.id)
        return service.read.myWarnings(request.residentId as string)
      }
    )

    api.post(
      '/me/warnings/:id/answer',
      {
        schema: {
          tags: ['warnings'],
          summary: 'Answer a warning: safe (没有转账), transferred (已经转账) or call_me (请民警联系我)',
          security,
          params: Id,
          body: AnswerRequest,
          response: { 200: MyWarnings, ...errors }
        },
        onRequest: requireResident
      },
      async (request) => {
        await service.chain.answer(request.residentId as string, request.params.id, request.body.answer)
        return service.read.myWarnings(request.residentId as string)
      }
    )

    api.post(
      '/me/help',
      {
        schema: {
          tags: ['warnings'],
          summary: '我需要帮助: the county centre telephones me at once (one open request at a time)',
          security,
          body: HelpRequest,
          response: { 200: MyWarnings, ...errors }
        },
        onRequest: requireResident,
        config: { rateLimit: { max: 5, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip } }
      },
      async (request) => {
        await service.intake.askForHelp(request.residentId as string, request.body.what)
        return service.read.myWarnings(request.residentId as string)
      }
    )

    api.post(
      '/me/verify-caller',
      {
        schema: {
          tags: ['warnings'],
          summary: '核验来电民警: is an officer with this police number contacting me now with this code?',
          security,
          body: VerifyCallerRequest,
          response: { 200: VerifyCallerResult, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody }
        },
        onRequest: requireResident,
        config: { rateLimit: { max: 20, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.ip } }
      },
      async (request) => service.read.verifyCaller(request.residentId as string, request.body)
    )
  }
}

export function adminWarningRoutes(service: WarningService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const board = requireCapability(admins, 'canSeeWarnings')
    const centre = requireCapability(admins, 'canCall')
    const station = requireCapability(admins, 'canVisit')
    const me = (request: FastifyRequest) => request.admin as AdminPrincipal

    api.get(
      '/admin/warnings',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'The warnings board, newest first (officers: their township only)',
          security,
          querystring: WarningListQuery,
          response: { 200: WarningList, ...errors }
        },
        onRequest: board
      },
      async (request) => service.read.list(request.query, me(request))
    )

    api.post(
      '/admin/warnings',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'Add one warning by hand',
          security,
          body: ManualWarningRequest,
          response: { 200: WarningDetail, ...errors }
        },
        onRequest: centre
      },
      async (request) => {
        const added = await service.read.detail(await service.intake.addByHand(request.body, me(request)), me(request))
        await admins.audit(me(request), 'warnings.add', `warning:${added.warning.id}`, {
          source: added.warning.source,
          riskType: added.warning.riskType,
          riskLevel: added.warning.riskLevel,
          phone: added.warning.phoneMasked
        })
        return added
      }
    )

    api.get(
      '/admin/warnings/:id',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'A warning with its tasks, timeline and call script',
          security,
          params: Id,
          response: { 200: WarningDetail, ...errors }
        },
        onRequest: board
      },
      async (request) => service.read.detail(request.params.id, me(request))
    )

    api.post(
      '/admin/warnings/:id/close',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'End a warning with an outcome (the centre)',
          security,
          params: Id,
          body: Type.Object({ outcome: Type.Union(WARNING_OUTCOMES.map((o) => Type.Literal(o))) }, { additionalProperties: false }),
          response: { 200: WarningDetail, ...errors }
        },
        onRequest: centre
      },
      async (request) => {
        await service.chain.closeByStaff(request.params.id, request.body.outcome, me(request))
        const closed = await service.read.detail(request.params.id, me(request))
        await admins.audit(me(request), 'warnings.close', `warning:${request.params.id}`, { outcome: request.body.outcome })
        return closed
      }
    )

    api.post(
      '/admin/warnings/:id/reveal',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: "The person's full details (name, birth date, ID number, phone, place); who, when and why go to the audit log",
          security,
          params: Id,
          body: RevealRequest,
          response: { 200: RevealedPerson, ...errors }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '请写明查看完整信息的原因（2–100个字）' },
        onRequest: board
      },
      async (request) => service.read.reveal(request.params.id, request.body.reason, me(request))
    )

    api.post(
      '/admin/warnings/:id/place',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: "Where the person is: moves the warning and its live tasks to a township's station (a visit held elsewhere goes back to the queue)",
          security,
          params: Id,
          body: PlaceWarningRequest,
          response: { 200: WarningDetail, ...errors }
        },
        onRequest: centre
      },
      async (request) => {
        await service.chain.place(request.params.id, request.body, me(request))
        return service.read.detail(request.params.id, me(request))
      }
    )

    for (const kind of ['call', 'visit'] as const) {
      const path = kind === 'call' ? '/admin/call-tasks' : '/admin/visit-tasks'
      const who = kind === 'call' ? centre : station
      const tag = kind === 'call' ? '电话预警 (county call)' : '上门劝阻 (station visit)'
      api.get(
        path,
        {
          schema: { tags: ['admin: warnings'], summary: `${tag}: live tasks, mine first, then oldest due`, security, response: { 200: TaskList, ...errors } },
          onRequest: who
        },
        async (request) => ({ items: await service.read.queue(kind, me(request)) })
      )

      api.post(
        `${path}/claim`,
        {
          schema: {
            tags: ['admin: warnings'],
            summary: `${tag}: claim the oldest-due task (gives a one-time code to read out)`,
            security,
            response: { 200: TaskCard, ...errors }
          },
          onRequest: who
        },
        async (request) => service.read.card(await service.chain.claim(kind, me(request), null), me(request))
      )

      api.post(
        `${path}/:id/claim`,
        {
          schema: { tags: ['admin: warnings'], summary: `${tag}: claim this task`, security, params: Id, response: { 200: TaskCard, ...errors } },
          onRequest: who
        },
        async (request) => service.read.card(await service.chain.claim(kind, me(request), request.params.id), me(request))
      )

      api.post(
        `${path}/:id/release`,
        {
          schema: {
            tags: ['admin: warnings'],
            summary: `${tag}: put my task back in the queue (the centre: anyone's — 强制退回)`,
            security,
            params: Id,
            response: { 200: TaskCard, ...errors }
          },
          onRequest: who
        },
        async (request) => {
          await service.chain.release(request.params.id, kind, me(request))
          return service.read.card(request.params.id, me(request))
        }
      )

      api.get(
        `${path}/:id/holders`,
        {
          schema: {
            tags: ['admin: warnings'],
            summary: `${tag}: who the task may be handed to (转派)`,
            security,
            params: Id,
            response: { 200: TaskHolderList, ...errors }
          },
          onRequest: centre
        },
        async (request) => ({ items: await service.read.holders(request.params.id, kind, me(request)) })
      )

      api.post(
        `${path}/:id/reassign`,
        {
          schema: {
            tags: ['admin: warnings'],
            summary: `${tag}: hand the task to a colleague (转派; a new code is issued)`,
            security,
            params: Id,
            body: ReassignRequest,
            response: { 200: TaskCard, ...errors }
          },
          onRequest: centre
        },
        async (request) => {
          await service.chain.reassign(request.params.id, kind, request.body.adminId, me(request))
          return service.read.card(request.params.id, me(request))
        }
      )
    }

    api.post(
      '/admin/call-tasks/:id/attempts',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'Record a call attempt; 无法接通 twice (a set time apart), 已被骗 or escalate send the station',
          security,
          params: Id,
          body: CallAttemptRequest,
          response: { 200: TaskCard, ...errors }
        },
        onRequest: centre
      },
      async (request) => {
        await service.chain.recordCall(request.params.id, request.body, me(request))
        return service.read.card(request.params.id, me(request))
      }
    )

    api.post(
      '/admin/visit-tasks/:id/outcome',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'Record the visit (未见到本人 keeps the task; any other result ends the warning)',
          security,
          params: Id,
          body: VisitOutcomeRequest,
          response: { 200: TaskCard, ...errors }
        },
        onRequest: station
      },
      async (request) => {
        await service.chain.recordVisit(request.params.id, request.body, me(request))
        return service.read.card(request.params.id, me(request))
      }
    )
  }
}
