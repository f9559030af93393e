import type { Database } from '../db/database.ts'
import { createAreasRepository, type AreasRepository } from '../areas/repository.ts'
import { createResidentsRepository, type ResidentsRepository } from '../residents/repository.ts'
import { createBulletinRepository } from './repository.ts'
import { BulletinService } from './service.ts'

/** The bulletin service as the server and `qiandai worker` (its scheduled publishing) both build it. */
export function bulletinServiceFor(
  database: Database,
  deps: { areas?: AreasRepository; residents?: ResidentsRepository; onPublished?: () => void; clock?: () => Date; imageHosts?: ReadonlySet<string> } = {}
): BulletinService {
  return new BulletinService(
    createBulletinRepository(database.db),
    deps.areas ?? createAreasRepository(database.db),
    deps.residents ?? createResidentsRepository(database.db),
    deps.onPublished,
    deps.clock,
    deps.imageHosts
  )
}
