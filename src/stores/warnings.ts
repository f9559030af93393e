import { create } from 'zustand'
import type { ResidentAnswer, ResidentWarning } from '../../types/warnings'
import { answerWarning, askForHelp, getMyWarnings } from '../services/warnings'
import { useSession } from './session'

interface WarningsState {
  /** My open warnings; the red card shows those not yet answered on top of every tab. */
  items: ResidentWarning[]
  /** Loads when signed in (each tab calls it when it shows); failures keep what was there. */
  load: () => Promise<void>
  answer: (id: string, answer: ResidentAnswer) => Promise<void>
  help: (what?: string) => Promise<void>
}

export const useWarnings = create<WarningsState>()((set) => ({
  items: [],
  load: async () => {
    if (!useSession.getState().tokens) {
      set({ items: [] })
      return
    }
    try {
      set({ items: (await getMyWarnings()).items })
    } catch {
      // Offline or signed out meanwhile: the card comes back on the next tab show.
    }
  },
  answer: async (id, answer) => set({ items: (await answerWarning(id, answer)).items }),
  help: async (what) => set({ items: (await askForHelp(what ? { what } : {})).items })
}))
