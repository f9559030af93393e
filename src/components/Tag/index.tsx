import { Text } from '@tarojs/components'
import './index.scss'

export type TagTone = 'danger' | 'warning' | 'neutral' | 'success'

export function Tag({ children, tone = 'neutral' }: { children: string; tone?: TagTone }) {
  return <Text className={`tag tag--${tone}`}>{children}</Text>
}
