import { roleCan, STAFF_CAPABILITIES, type AdminRole, type Capability } from '../../types/admin-roles'

/**
 * What a staff member may do, from their role: the capability table in types/admin.ts, which the server's guards read
 * too. The server enforces; the console only hides.
 */
export type Access = Record<Capability, boolean>
export type { Capability }

export const ROLE_NAMES: Record<AdminRole, string> = {
  admin: '管理员',
  editor: '编辑',
  reviewer: '审核员',
  officer: '派出所民警',
  operator: '县反诈中心话务员'
}

export function accessFor(role: AdminRole | null | undefined): Access {
  return Object.fromEntries((Object.keys(STAFF_CAPABILITIES) as Capability[]).map((c) => [c, roleCan(role, c)])) as Access
}
