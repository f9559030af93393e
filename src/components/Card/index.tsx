import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={`card ${className ?? ''}`}>{children}</View>
}
