import { create } from 'zustand'
import type { AdminSession } from '../../../types/admin'

const KEY = 'qiandai.admin.session'

export interface StaffSession {
  accessToken: string
  /** When the token stops working (ms since epoch). */
  expiresAt: number
  username: string
  role: AdminSession['role']
  townshipCode: string | null
  /** 警号 (read out on warning calls); null until an admin fills it in. */
  policeNumber: string | null
  /** An admin chose this password: the console asks for a new one before anything else. */
  mustChangePassword: boolean
}

interface SessionState {
  session: StaffSession | null
  /** Why the clerk is on the login page: shown there ("登录已过期…"). */
  notice: string | null
  /** Who was signed in when the session ended by itself: the login page fills it in. */
  lastUsername: string | null
  signIn(answer: AdminSession, now?: number): void
  /** Ends the session; with a notice when it ended by itself (expired, disabled). */
  signOut(notice?: string): void
}

// The token lives in memory and in this tab's session storage only: closing the tab ends the session, and no
// other tab or later visitor of the machine finds it.
function restore(): StaffSession | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as StaffSession
    return typeof s.accessToken === 'string' && s.expiresAt > Date.now() ? s : null
  } catch {
    return null
  }
}

export const useSession = create<SessionState>((set) => ({
  session: restore(),
  notice: null,
  lastUsername: null,
  signIn(answer, now = Date.now()) {
    const session: StaffSession = {
      accessToken: answer.accessToken,
      expiresAt: now + answer.expiresIn * 1000,
      username: answer.username,
      role: answer.role,
      townshipCode: answer.townshipCode,
      policeNumber: answer.policeNumber,
      mustChangePassword: answer.mustChangePassword === true
    }
    sessionStorage.setItem(KEY, JSON.stringify(session))
    set({ session, notice: null, lastUsername: null })
  },
  signOut(notice) {
    sessionStorage.removeItem(KEY)
    set((state) => ({ session: null, notice: notice ?? null, lastUsername: notice ? (state.session?.username ?? null) : null }))
  }
}))
