import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

// What upload routes accept, for the document only: their bodies are streams the handlers read, never validated JSON.
const MULTIPART_FILE = { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } }
const RAW_FILE = { type: 'string', format: 'binary' }

/** A route that consumes files but declares no body gets one in the document, so clients (and the fuzz test) see it. */
function documentUploads<T extends { consumes?: readonly string[]; body?: unknown } | undefined>(schema: T): T {
  if (!schema?.consumes || schema.body !== undefined) return schema
  return { ...schema, body: schema.consumes.includes('multipart/form-data') ? MULTIPART_FILE : RAW_FILE }
}

/** OpenAPI document generated from the route schemas (types/), served at /docs and /docs/json. */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Qiandai API (守好钱袋子)', version: '1', description: "Anti-fraud self-check, residents, bulletins and the centre's admin API." },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          feedKey: { type: 'http', scheme: 'bearer', description: 'A feed key from `npx qiandai feed-key create NAME` (the city platform, a bank)' }
        }
      }
    },
    transform: ({ schema, url }) => ({ schema: documentUploads(schema), url })
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
