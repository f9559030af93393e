// Staff roles and what each may do. No schema library here: the console reads it as plain data.

export const ADMIN_ROLES = ['admin', 'editor', 'reviewer', 'officer', 'operator'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

/**
 * Who may do what: the one role → capability table. The server's route guards (admin/guard.ts requireCapability), the
 * console's menu and pages (admin/src/access.ts) and the authorization test all read it, so they cannot drift.
 */
export const STAFF_CAPABILITIES = {
  /** Any signed-in staff member: the dashboard, the duty overview, search, their own account. */
  canViewDashboard: ADMIN_ROLES,
  /** Registration coverage by village (officers: their township). */
  canSeeCoverage: ['admin', 'officer'],
  /** Writing, scheduling and withdrawing bulletins. */
  canPublish: ['admin', 'editor'],
  /** Reports, the blocklist, official senders and appeals. */
  canReview: ['admin', 'reviewer'],
  /** Tips, videos and their media. */
  canEditContent: ['admin', 'editor'],
  canManageAccounts: ['admin'],
  /** Townships, villages and their population (the coverage denominators). */
  canManageAreas: ['admin'],
  canReadAudit: ['admin'],
  /** The warnings board, a warning's timeline, cases and figures, the grid workers' board (officers: their township). */
  canSeeWarnings: ['admin', 'operator', 'officer'],
  /** The county call queue, adding and ending warnings, registering cases. */
  canCall: ['admin', 'operator'],
  /** The station's visit tasks and its grid workers' assignments. */
  canVisit: ['admin', 'officer'],
  /** Appointing and revoking grid workers (网格员). */
  canManageGridWorkers: ['admin']
} as const satisfies Record<string, readonly AdminRole[]>
export type Capability = keyof typeof STAFF_CAPABILITIES

/** Whether a role holds a capability (no role: signed out, nothing). */
export function roleCan(role: AdminRole | null | undefined, capability: Capability): boolean {
  return role !== null && role !== undefined && (STAFF_CAPABILITIES[capability] as readonly AdminRole[]).includes(role)
}
