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
    // Only set the attributes when true: Taro's H5 button reflects `false` as an attribute, which [disabled] would match.
    <Button className={classes} onClick={onClick} disabled={disabled || loading || undefined} loading={loading || undefined}>
      {children}
    </Button>
  )
}
