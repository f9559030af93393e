import type { ChainSettings } from './chain.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { ChainCommands } from './chain-commands.ts'
import { WarningIntake } from './intake.ts'
import { WarningReads } from './read-models.ts'
import type { WarningsRepository } from './repository.ts'
import type { BoardRepository } from './board-repository.ts'

/**
 * The warning chain's face to the rest of the server: how warnings come in (`intake`), what moves them along
 * (`chain`: answers, timers, call and visit tasks) and how each side reads them (`read`).
 */
export class WarningService {
  readonly intake: WarningIntake
  readonly chain: ChainCommands
  readonly read: WarningReads

  constructor(
    repository: WarningsRepository,
    board: BoardRepository,
    cipher: FieldCipher,
    settings: ChainSettings,
    clock: () => Date = () => new Date(),
    /** Tells the worker there are level-1 messages to send. */
    wake: () => void = () => {}
  ) {
    this.read = new WarningReads(board, cipher, settings, clock)
    this.intake = new WarningIntake(repository, board, cipher, settings, clock, wake)
    this.chain = new ChainCommands(repository, board, this.read, cipher, settings, clock)
  }
}
