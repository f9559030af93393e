import type { BulletinStatus } from '../../../../types/bulletins'
import type { Tone } from '../../components/StatusTag'

export const STATUS_NAMES: Record<BulletinStatus, string> = { draft: '草稿', scheduled: '待发布', published: '已发布', withdrawn: '已撤回' }
export const STATUS_TONES: Record<BulletinStatus, Tone> = { draft: 'neutral', scheduled: 'info', published: 'success', withdrawn: 'warning' }
