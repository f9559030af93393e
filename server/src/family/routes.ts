import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  Family,
  FamilyCodeRequest,
  FamilyInvite,
  FamilyInvitePreview,
  FamilyInviteRequest,
  ProxyCodeRequest,
  ProxyRegistrationRequest,
  ProxyRegistrationResult
} from '../../../types/family.ts'
import { SmsSendResult } from '../../../types/auth.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireResident } from '../plugins/auth.ts'
import type { FamilyService } from './service.ts'

const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const security = [{ bearer: [] }]
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 429: ApiErrorBody }
/** Guessing codes stays hopeless: a handful of tries per resident (and per address) an hour. */
const CODE_TRIES = { max: 20, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip }

export function familyRoutes(service: FamilyService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.addHook('onRequest', requireResident)
    const me = (request: FastifyRequest) => request.residentId as string

    api.get(
      '/me/family',
      {
        schema: {
          tags: ['family'],
          summary: 'Who I guard, who guards me (masked names only), my open invitations',
          security,
          response: { 200: Family, ...errors }
        }
      },
      async (request) => service.family(me(request))
    )

    api.post(
      '/me/family/invites',
      {
        schema: {
          tags: ['family'],
          summary: 'Invite a family member: a code shown once, valid 24 hours',
          security,
          body: FamilyInviteRequest,
          response: { 200: FamilyInvite, ...errors }
        },
        config: { rateLimit: { max: 20, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip } }
      },
      async (request) => service.invite(me(request), request.body)
    )

    api.delete(
      '/me/family/invites/:id',
      {
        schema: { tags: ['family'], summary: 'Withdraw an invitation not yet used', security, params: Id, response: { 200: Family, ...errors } }
      },
      async (request) => service.cancelInvite(me(request), request.params.id)
    )

    api.post(
      '/me/family/invites/preview',
      {
        schema: {
          tags: ['family'],
          summary: 'Who sent this code (masked name) and which side they take, before accepting',
          security,
          body: FamilyCodeRequest,
          response: { 200: FamilyInvitePreview, ...errors }
        },
        config: { rateLimit: CODE_TRIES }
      },
      async (request) => service.preview(me(request), request.body.code)
    )

    api.post(
      '/me/family/accept',
      {
        schema: {
          tags: ['family'],
          summary: 'Accept an invitation code: the link is made (at most 8 links a person)',
          security,
          body: FamilyCodeRequest,
          response: { 200: Family, ...errors }
        },
        config: { rateLimit: CODE_TRIES }
      },
      async (request) => service.accept(me(request), request.body.code)
    )

    api.delete(
      '/me/family/links/:id',
      {
        schema: { tags: ['family'], summary: 'End a link (either side, at any time)', security, params: Id, response: { 200: Family, ...errors } }
      },
      async (request) => service.removeLink(me(request), request.params.id)
    )

    api.post(
      '/me/family/proxy/code',
      {
        schema: {
          tags: ['family'],
          summary:
            "代登记 step 1: send the consent code to the elder's own phone (1 a minute, 10 a day per phone; see /auth/sms/send for the per-address 图形验证码)",
          security,
          body: ProxyCodeRequest,
          response: { 200: SmsSendResult, ...errors, 503: ApiErrorBody }
        }
      },
      async (request) => service.sendProxyCode(me(request), request.body.phone, request.ip, request.body.captcha)
    )

    api.post(
      '/me/family/proxy',
      {
        schema: {
          tags: ['family'],
          summary: '代登记 step 2: register the elder with the code they read out (family: I become their guardian)',
          security,
          body: ProxyRegistrationRequest,
          response: { 200: ProxyRegistrationResult, ...errors }
        },
        config: { rateLimit: CODE_TRIES }
      },
      async (request) => service.registerFor(me(request), request.body)
    )
  }
}
