import { Button, type ButtonProps } from '@tarojs/components'
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
  /** Mini-program open abilities (getPhoneNumber, agreePrivacyAuthorization); ignored in H5. */
  openType?: ButtonProps['openType']
  id?: string
  onGetPhoneNumber?: ButtonProps['onGetPhoneNumber']
  onAgreePrivacyAuthorization?: ButtonProps['onAgreePrivacyAuthorization']
}

/** Our button: ≥ 48 px tall, high-contrast, text always present (never an icon alone). */
export function AppButton({ children, onClick, variant = 'secondary', block, disabled, loading, className, openType, id, onGetPhoneNumber, onAgreePrivacyAuthorization }: AppButtonProps) {
  const classes = ['app-button', `app-button--${variant}`, block ? 'app-button--block' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    // Only set the attributes when true: Taro's H5 button reflects `false` as an attribute, which [disabled] would match.
    <Button
      // Taro's H5 button would render a missing id as id="undefined".
      {...(id ? { id } : {})}
      className={classes}
      onClick={onClick}
      disabled={disabled || loading || undefined}
      loading={loading || undefined}
      openType={openType}
      onGetPhoneNumber={onGetPhoneNumber}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
    >
      {children}
    </Button>
  )
}
