import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A section heading for screen readers (role + level), styled by the caller. */
export function Heading({ children, className, level = 2 }: { children: ReactNode; className?: string; level?: 1 | 2 | 3 }) {
  return (
    <View className={className} role="heading" aria-level={level}>
      {children}
    </View>
  )
}
