import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

const NOT_BUILT = '控制台尚未构建：请运行 npm run build:admin（npm start 会自动构建）。'

/**
 * Serves the console's build at /admin/. Hashed assets are immutable; every other path that is not a file is one of
 * the console's own (history-API) routes and gets index.html, revalidated so a new build is picked up at once.
 */
export async function registerAdminConsole(app: FastifyInstance, adminDir: string): Promise<void> {
  const built = existsSync(path.join(adminDir, 'index.html'))
  app.get('/admin', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin/'))
  await app.register(
    async (scope) => {
      if (!built) {
        scope.get('/*', { schema: { hide: true } }, async (_req, reply) => reply.type('text/plain; charset=utf-8').send(NOT_BUILT))
        return
      }
      await scope.register(fastifyStatic, {
        root: adminDir,
        prefix: '/',
        wildcard: true,
        decorateReply: true,
        preCompressed: true,
        // Our Cache-Control only (send's own default would overwrite it with max-age=0).
        cacheControl: false,
        setHeaders(res, filePath) {
          if (/^assets[/\\]/.test(path.relative(adminDir, filePath))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
          else res.setHeader('Cache-Control', 'no-cache')
        }
      })
      scope.setNotFoundHandler((request, reply) => {
        // A missing hashed asset is a real 404 (an old tab after a deploy); any other path is a console route.
        if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url.startsWith('/admin/assets/')) {
          return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '没有找到这个页面或接口' } })
        }
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
      })
    },
    { prefix: '/admin' }
  )
}
