import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import { feature } from './lib/feature.ts'
import { OUTBOX_CHANNEL, type OutboxKind } from './outbox/kind.ts'
import { createOutboxRepository } from './outbox/repository.ts'
import { OutboxWorker, outboxSettings } from './outbox/worker.ts'
import { bulletinDeliveries } from './push/deliveries.ts'
import { reportNotifications } from './reports/outbox-kind.ts'
import { FieldCipher } from './lib/field-cipher.ts'
import type { SmsSender } from './sms/sender.ts'
import type { WeChatClient } from './wechat/client.ts'
import { guardianAlerts, warningMessages } from './warnings/outbox-kinds.ts'
import type { WarningService } from './warnings/service.ts'
import { WARNINGS_CHANNEL, WarningWorker } from './warnings/worker.ts'

/**
 * Every kind of message the server sends, in the order a worker serves them each round (warnings cannot wait behind a
 * bulletin's fan-out).
 */
export function outboxKinds(config: Config): OutboxKind[] {
  const templates = config.wechat.templates
  const miniprogramState = config.wechat.miniprogramState
  const warning = { templateId: templates.warning, batchSize: config.warnings.batchSize, miniprogramState, cipher: new FieldCipher(config.dataKey) }
  return [
    warningMessages(warning),
    guardianAlerts(warning),
    bulletinDeliveries({ templateId: templates.bulletin, batchSize: config.push.batchSize, miniprogramState }),
    reportNotifications({ templateId: templates.report, miniprogramState })
  ]
}

/** The workers a process runs to send (PUSH_WORKER=inline in the server, or `qiandai worker`): the outbox and the chain's clock. */
export interface WorkerSet {
  outbox: OutboxWorker
  warnings: WarningWorker
  /** New work in this process. */
  wake(): void
  start(): void
  /** Finishes what is in flight (outcomes recorded), then stops listening. */
  stop(): Promise<void>
}

export async function workerSet(
  database: Database,
  config: Config,
  deps: { wechat: WeChatClient; sms: SmsSender | null; log: FastifyBaseLogger; warnings: WarningService; clock?: () => Date }
): Promise<WorkerSet> {
  const clock = deps.clock ?? (() => new Date())
  const outbox = new OutboxWorker(
    createOutboxRepository(database.db),
    outboxKinds(config),
    { wechat: deps.wechat, sms: deps.sms },
    outboxSettings(config),
    deps.log,
    clock
  )
  const warnings = new WarningWorker(
    deps.warnings,
    { leaseMs: config.push.leaseMs, idleMs: config.push.idleMs, claimIdleMinutes: config.warnings.claimIdleMinutes },
    deps.log,
    clock
  )
  const wake = () => {
    outbox.wake()
    warnings.wake()
  }
  // Work from other processes (a publish, a new warning, a report decision) arrives as NOTIFY.
  const unlisten = [await database.listen(OUTBOX_CHANNEL, wake), await database.listen(WARNINGS_CHANNEL, wake)]
  return {
    outbox,
    warnings,
    wake,
    start() {
      outbox.start()
      warnings.start()
    },
    async stop() {
      await Promise.all([outbox.stop(), warnings.stop()])
      await Promise.all(unlisten.map((u) => u()))
    }
  }
}

/**
 * The feature that sends from this process when PUSH_WORKER=inline: the outbox for every message kind and the warning
 * chain's clock (otherwise `qiandai worker` processes send, and this process only wakes them).
 */
export const outboxFeature = feature('outbox', ['warnings'], async (app) => {
  if (app.config.push.worker !== 'inline') return
  const workers = await workerSet(app.database, app.config, { wechat: app.wechat, sms: app.smsSender, log: app.log, warnings: app.warnings, clock: app.clock })
  app.workers = workers
  app.addHook('onReady', async () => workers.start())
  // Closed before core's clients and database: the chunks in flight finish and are recorded.
  app.addHook('onClose', async () => workers.stop())
})
