/** 网格员's plain values: no schema library, so the mini-program can import them cheaply. */

export const PUBLICITY_KINDS = ['courtyard', 'door_to_door', 'first_lesson', 'campus', 'other'] as const
export type PublicityKind = (typeof PUBLICITY_KINDS)[number]
export const PUBLICITY_KIND_NAMES: Record<PublicityKind, string> = {
  courtyard: '院落会',
  door_to_door: '入户宣传',
  first_lesson: '开学第一课',
  campus: '反诈进校园',
  other: '其他'
}
/** Photos a session may carry. */
export const PUBLICITY_PHOTOS_MAX = 9
