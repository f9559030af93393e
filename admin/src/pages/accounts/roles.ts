import type { AdminRole } from '../../../../types/admin'

/** Role order in pickers (the server's ADMIN_ROLES; typed, not imported, so TypeBox stays out of the bundle). */
export const ADMIN_ROLE_LIST: readonly AdminRole[] = ['admin', 'operator', 'officer', 'editor', 'reviewer']
