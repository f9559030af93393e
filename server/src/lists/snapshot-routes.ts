import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { SnapshotQuery } from '../../../types/lists.ts'
import { SNAPSHOT_TYPE_HEADER } from '../../../rules/blocklist-snapshot.ts'
import { AppError } from '../plugins/errors.ts'
import { SnapshotRequestError, type BlocklistSnapshots } from './snapshot.ts'

/** GET /lists/snapshot: the phones' copy of the blocklist, whole or as the changes since the version they hold. */
export function snapshotRoutes(snapshots: BlocklistSnapshots) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/lists/snapshot',
      {
        schema: {
          tags: ['lists'],
          summary: "The blocklist's offline copy for phones (no values in it, only hashed slots)",
          querystring: SnapshotQuery
        },
        config: { validationErrorCode: 'SNAPSHOT_VERSION_INVALID' as const, validationErrorMessage: '名单版本号不对，请重新下载整份名单' }
      },
      async (request, reply) => {
        const held = request.query.since ?? request.headers['if-none-match']?.replace(/^W\//, '').replace(/"/g, '')
        let answer
        try {
          answer = await snapshots.answer(held)
        } catch (e) {
          if (e instanceof SnapshotRequestError) throw new AppError(400, 'SNAPSHOT_VERSION_INVALID', '名单版本号不对，请重新下载整份名单')
          throw e
        }
        reply.header('etag', `"${answer.version}"`).header('cache-control', 'no-cache')
        if (answer.type === 'same') return reply.code(304).send()
        return reply
          .header(SNAPSHOT_TYPE_HEADER, answer.type)
          .header('x-snapshot-count', String(answer.count))
          .type('application/octet-stream')
          .send(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength))
      }
    )
  }
}
