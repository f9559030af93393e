import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

interface AppButtonProps {
  children: ReactNode
  onClick?: () => void
  variant?: 'primary' | 'secondary' | 'danger'
  block?: boolean
  disabled?: boolean
  loading?: boolean
  className?: string
}

/** Our button: ≥ 48 px tall, high-contrast, text always present (never an icon alone). */
export function AppButton({ children, onClick, variant = 'secondary', block, disabled, loading, className }: AppButtonProps) {
  const classes = ['app-button', `app-button--${variant}`, block ? 'app-button--block' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <Button className={classes} onClick={onClick} disabled={disabled || loading} loading={loading}>
      {children}
    </Button>
  )
}
