import type { AdminRole } from '../../types/admin'

/** What a staff member may do, from their role. The server enforces the same rules; the console only hides. */
export interface Access {
  canViewDashboard: boolean
  canSeeCoverage: boolean
  canPublish: boolean
  canReview: boolean
  canEditContent: boolean
  canManageAccounts: boolean
  canReadAudit: boolean
  /** The warnings board and a warning's timeline (officers: their township). */
  canSeeWarnings: boolean
  /** The county call queue, adding and ending warnings. */
  canCall: boolean
  /** The station's visit tasks. */
  canVisit: boolean
  /** Appointing and revoking grid workers (网格员). */
  canManageGridWorkers: boolean
}
export type Capability = keyof Access

export const ROLE_NAMES: Record<AdminRole, string> = {
  admin: '管理员',
  editor: '编辑',
  reviewer: '审核员',
  officer: '派出所民警',
  operator: '县反诈中心话务员'
}

export function accessFor(role: AdminRole | null | undefined): Access {
  return {
    canViewDashboard: role !== null && role !== undefined,
    canSeeCoverage: role === 'admin' || role === 'officer',
    canPublish: role === 'admin' || role === 'editor',
    canReview: role === 'admin' || role === 'reviewer',
    canEditContent: role === 'admin' || role === 'editor',
    canManageAccounts: role === 'admin',
    canReadAudit: role === 'admin',
    canSeeWarnings: role === 'admin' || role === 'operator' || role === 'officer',
    canCall: role === 'admin' || role === 'operator',
    canVisit: role === 'admin' || role === 'officer',
    canManageGridWorkers: role === 'admin'
  }
}
