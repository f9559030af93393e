import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { AuthTokens } from '../../types/auth'
import type { Me } from '../../types/me'
import { taroStorage } from './storage'

export interface SessionTokens {
  accessToken: string
  refreshToken: string
  /** Epoch ms when the access token expires (a little early, to refresh before the server refuses it). */
  expiresAt: number
  residentId: string
}

interface SessionState {
  tokens: SessionTokens | null
  me: Me | null
  /** The privacy policy version this resident agreed to on this device; nothing personal is asked before. */
  privacyAgreedVersion: string | null
  /** Text size: follow the system setting, or one step larger on top of it. */
  fontSize: 'system' | 'large'
  signIn: (tokens: AuthTokens, now?: number) => void
  setMe: (me: Me) => void
  signOut: () => void
  agreePrivacy: (version: string) => void
  setFontSize: (size: 'system' | 'large') => void
}

const EARLY_MS = 30_000

export function toSessionTokens(t: AuthTokens, now = Date.now()): SessionTokens {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: now + t.expiresIn * 1000 - EARLY_MS, residentId: t.residentId }
}

/** Login state, what the server said about me, and device preferences; persisted in Taro storage. */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      tokens: null,
      me: null,
      privacyAgreedVersion: null,
      fontSize: 'system',
      signIn: (tokens, now) => set((s) => ({ tokens: toSessionTokens(tokens, now), me: s.tokens?.residentId === tokens.residentId ? s.me : null })),
      setMe: (me) => set({ me }),
      signOut: () => set({ tokens: null, me: null }),
      agreePrivacy: (version) => set({ privacyAgreedVersion: version }),
      setFontSize: (fontSize) => set({ fontSize })
    }),
    { name: 'qiandai.session', storage: taroStorage, version: 1 }
  )
)
