import type { AdminBulletin, BulletinBlock, BulletinInput } from '../../../../types/bulletins'

/** What the editor holds: plain strings, so it survives a trip through session storage (an expired login). */
export interface BulletinDraft {
  title: string
  summaryShort: string
  summary: string
  periodStart: string
  periodEnd: string
  tags: string[]
  /** null = the whole county. */
  audience: string[] | null
  severity: 'routine' | 'urgent'
  hotline: string
  body: BulletinBlock[]
}

export function emptyDraft(periodStart: string, periodEnd: string): BulletinDraft {
  return {
    title: '',
    summaryShort: '',
    summary: '',
    periodStart,
    periodEnd,
    tags: [],
    audience: null,
    severity: 'routine',
    hotline: '96110',
    body: [{ type: 'paragraph', text: '' }]
  }
}

export function draftOf(b: AdminBulletin): BulletinDraft {
  return {
    title: b.title,
    summaryShort: b.summaryShort,
    summary: b.summary,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    tags: b.tags,
    audience: b.audience,
    severity: b.severity,
    hotline: b.hotline,
    body: b.body
  }
}

/** The request body; an empty hotline falls back to the server's default (96110). */
export function inputOf(d: BulletinDraft): BulletinInput {
  const { hotline, ...rest } = d
  return { ...rest, ...(hotline.trim() ? { hotline: hotline.trim() } : {}) }
}

const KEY = (id: string) => `qiandai.admin.draft.bulletin.${id}`

/** Unsaved edits, kept per bulletin in this tab so an expired login does not lose them. */
export const drafts = {
  load(id: string): BulletinDraft | null {
    try {
      const raw = sessionStorage.getItem(KEY(id))
      return raw ? (JSON.parse(raw) as BulletinDraft) : null
    } catch {
      return null
    }
  },
  save(id: string, d: BulletinDraft): void {
    sessionStorage.setItem(KEY(id), JSON.stringify(d))
  },
  clear(id: string): void {
    sessionStorage.removeItem(KEY(id))
  }
}
