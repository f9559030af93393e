import { sql, type Kysely } from 'kysely'
import type { AuditEntry, AuditQuery } from '../../../types/admin.ts'
import type { DB } from '../db/schema.ts'

/** Reads the audit log, newest first, in keyset pages (the writers are the features that act). */
export function createAuditRepository(db: Kysely<DB>) {
  return {
    async page(q: AuditQuery & { start?: Date; end?: Date }): Promise<{ items: AuditEntry[]; next: string | null }> {
      const limit = q.limit ?? 50
      let query = db
        .selectFrom('audit_log')
        .leftJoin('admins', 'admins.id', 'audit_log.admin_id')
        .select([
          'audit_log.id',
          'audit_log.at',
          'audit_log.admin_id',
          'admins.username',
          'audit_log.action',
          'audit_log.target',
          'audit_log.before',
          'audit_log.after'
        ])
        .orderBy('audit_log.id', 'desc')
        .limit(limit + 1)
      if (q.before) query = query.where('audit_log.id', '<', q.before)
      if (q.admin) query = query.where('admins.username', '=', q.admin.trim().toLowerCase())
      if (q.action)
        query = q.action.endsWith('.') ? query.where('audit_log.action', 'like', `${escapeLike(q.action)}%`) : query.where('audit_log.action', '=', q.action)
      if (q.target) query = query.where(sql<boolean>`strpos(audit_log.target, ${q.target}) > 0`)
      if (q.start) query = query.where('audit_log.at', '>=', q.start)
      if (q.end) query = query.where('audit_log.at', '<', q.end)
      const rows = await query.execute()
      const items = rows.slice(0, limit).map((r) => ({
        id: String(r.id),
        at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
        adminId: r.admin_id === null ? null : String(r.admin_id),
        adminUsername: r.username,
        action: r.action,
        target: r.target,
        before: r.before ?? null,
        after: r.after ?? null
      }))
      return { items, next: rows.length > limit ? items[items.length - 1].id : null }
    }
  }
}
export type AuditRepository = ReturnType<typeof createAuditRepository>

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
