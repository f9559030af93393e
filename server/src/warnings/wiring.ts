import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import { FieldCipher } from '../residents/field-cipher.ts'
import { smsSenderFor, type SmsSender } from '../sms/sender.ts'
import type { WeChatClient } from '../wechat/client.ts'
import { createBoardRepository } from './board-repository.ts'
import { WarningMessenger, createMessagesRepository } from './messenger.ts'
import { createWarningsRepository } from './repository.ts'
import { WarningService } from './service.ts'
import { WARNINGS_CHANNEL, WarningWorker } from './worker.ts'

/** The warning service as the server, the CLI and the worker build it; new warnings wake every worker (NOTIFY). */
export function warningServiceFor(database: Database, config: Config, clock: () => Date = () => new Date(), wakeLocal: () => void = () => {}): WarningService {
  const repository = createWarningsRepository(database.db)
  return new WarningService(repository, createBoardRepository(database.db), new FieldCipher(config.dataKey), config.warnings, clock, () => {
    wakeLocal()
    void repository.notifyWorkers(WARNINGS_CHANNEL).catch(() => {})
  })
}

/** A worker for the chain's timers and level-1 messages (the warning template is the third configured one). */
export function warningWorkerFor(
  database: Database,
  config: Config,
  wechat: WeChatClient,
  log: FastifyBaseLogger,
  service: WarningService = warningServiceFor(database, config),
  clock: () => Date = () => new Date(),
  sms: SmsSender | null = smsSenderFor(config, log)
): WarningWorker {
  const messenger = new WarningMessenger(
    createMessagesRepository(database.db),
    wechat,
    sms,
    new FieldCipher(config.dataKey),
    config.wechat.templateIds[2] ?? null,
    config.wechat.miniprogramState,
    log,
    clock
  )
  return new WarningWorker(
    service,
    messenger,
    {
      batchSize: config.warnings.batchSize,
      lanes: config.push.lanes,
      leaseMs: config.push.leaseMs,
      idleMs: config.push.idleMs,
      claimIdleMinutes: config.warnings.claimIdleMinutes
    },
    log,
    clock
  )
}
