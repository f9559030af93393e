import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

/**
 * Serves the H5 build at "/". Hashed assets (js/, css/, static/) are immutable and cached for a year;
 * index.html is revalidated so a new build is picked up at once.
 */
export async function registerH5(app: FastifyInstance, h5Dir: string): Promise<void> {
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('H5 应用尚未构建：请运行 npm run build:h5（npm start 会自动构建）。API 位于 /api/v1，文档位于 /docs。')
    )
    return
  }
  await app.register(fastifyStatic, {
    root: h5Dir,
    prefix: '/',
    wildcard: true,
    // dist/h5 holds .br/.gz twins made at build time; served when the client accepts them.
    preCompressed: true,
    // Our Cache-Control only: send's own default (public, max-age=0) would overwrite the immutable one.
    cacheControl: false,
    setHeaders(res, filePath) {
      const rel = path.relative(h5Dir, filePath)
      if (/^(js|css|static)[/\\]/.test(rel)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
      else res.setHeader('Cache-Control', 'no-cache')
    }
  })
}
