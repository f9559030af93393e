/** 家人守护's plain values: no schema library, so the mini-program can import them cheaply. */

/** Links a person may have, guarding and guarded together. */
export const FAMILY_LINK_LIMIT = 8
/** How long an invitation code stays valid. */
export const FAMILY_INVITE_HOURS = 24

/** What one family member is to the other. */
export const FAMILY_RELATIONS = ['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other'] as const
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number]
export const FAMILY_RELATION_NAMES: Record<FamilyRelation, string> = {
  parent: '父母',
  child: '子女',
  spouse: '配偶',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他亲属'
}
/** The same tie seen from the other side (my parent → I am their child). */
export const RELATION_SEEN_FROM_OTHER_SIDE: Record<FamilyRelation, FamilyRelation> = {
  parent: 'child',
  child: 'parent',
  spouse: 'spouse',
  sibling: 'sibling',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
  other: 'other'
}

/** Which side the inviter takes: `guardian` 我来守护TA, `ward` 请TA守护我. */
export const FAMILY_ROLES = ['guardian', 'ward'] as const
export type FamilyRole = (typeof FAMILY_ROLES)[number]
