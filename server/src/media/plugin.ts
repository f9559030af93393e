import { apiRoutes, feature } from '../lib/feature.ts'
import { createMediaRepository, type MediaRepository } from './repository.ts'
import { mediaRoutes, mediaUploadRoutes } from './routes.ts'
import { LocalDiskStorage } from './storage.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Uploaded videos, posters and images on disk. */
    media: LocalDiskStorage
    mediaRepository: MediaRepository
  }
}

const INCOMING_MAX_AGE_MS = 3_600_000

/** Uploaded media: the centre's uploads and serving them (ranges for video). */
export default feature('media', [], async (app) => {
  const media = new LocalDiskStorage(app.config.media.dir)
  const repository = createMediaRepository(app.database.db)
  app.decorate('media', media)
  app.decorate('mediaRepository', repository)
  // Unfinished uploads (a crash or a dropped connection mid-file) are swept at start and every hour.
  const sweep = () => void media.sweepIncoming(INCOMING_MAX_AGE_MS).catch((err: unknown) => app.log.warn({ err }, 'sweeping unfinished uploads failed'))
  sweep()
  const sweeping = setInterval(sweep, INCOMING_MAX_AGE_MS)
  sweeping.unref()
  app.addHook('onClose', async () => clearInterval(sweeping))
  // Files are served at /media, beside the API rather than in it.
  await app.register(mediaRoutes(media, repository))
  await apiRoutes(app, mediaUploadRoutes(media, repository, app.admins, app.config.media))
})
