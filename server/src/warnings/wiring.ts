import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import { FieldCipher } from '../lib/field-cipher.ts'
import { createBoardRepository } from './board-repository.ts'
import { createWarningsRepository } from './repository.ts'
import { WarningService } from './service.ts'
import { WARNINGS_CHANNEL } from './worker.ts'

/** The warning service as the server, the CLI and the worker build it; new warnings wake every worker (NOTIFY). */
export function warningServiceFor(database: Database, config: Config, clock: () => Date = () => new Date(), wakeLocal: () => void = () => {}): WarningService {
  const repository = createWarningsRepository(database.db)
  return new WarningService(repository, createBoardRepository(database.db), new FieldCipher(config.dataKey), config.warnings, clock, () => {
    wakeLocal()
    void repository.notifyWorkers(WARNINGS_CHANNEL).catch(() => {})
  })
}
