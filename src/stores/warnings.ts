import { create } from 'zustand'
import type { FamilyAlert } from '../../types/family'
import type { MyWarnings, ResidentAnswer, ResidentWarning } from '../../types/warnings'
import { answerFamilyAlert } from '../services/family'
import { answerWarning, askForHelp, getMyWarnings } from '../services/warnings'
import { useSession } from './session'

interface WarningsState {
  /** My open warnings; the red card shows those not yet answered on top of every tab. */
  items: ResidentWarning[]
  /** Copies of the warnings of family I guard (家人守护), on the same tabs. */
  family: FamilyAlert[]
  /** Loads when signed in (each tab calls it when it shows); failures keep what was there. */
  load: () => Promise<void>
  answer: (id: string, answer: ResidentAnswer) => Promise<void>
  /** 已联系家人，没有转账 */
  answerFamily: (id: string) => Promise<void>
  help: (what?: string) => Promise<void>
}

/** A server from before 家人守护 answers without `family`: the app (updated on its own schedule) reads it as none. */
const cards = (w: MyWarnings) => ({ items: w.items, family: w.family ?? [] })

export const useWarnings = create<WarningsState>()((set) => ({
  items: [],
  family: [],
  load: async () => {
    if (!useSession.getState().tokens) {
      set({ items: [], family: [] })
      return
    }
    try {
      set(cards(await getMyWarnings()))
    } catch {
      // Offline or signed out meanwhile: the card comes back on the next tab show.
    }
  },
  answer: async (id, answer) => {
    set(cards(await answerWarning(id, answer)))
  },
  answerFamily: async (id) => {
    set(cards(await answerFamilyAlert(id)))
  },
  help: async (what) => {
    set(cards(await askForHelp(what ? { what } : {})))
  }
}))
