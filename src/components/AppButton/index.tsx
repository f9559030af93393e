import { Button, Text, type ButtonProps } from '@tarojs/components'
import type { ReactNode } from 'react'
import { named, pressable } from '../a11y'
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
  /** The accessible name when the visible text is not enough. */
  label?: string
}

/** Our button: ≥ 48 px tall, high-contrast, text always present (never an icon alone). */
export function AppButton({
  children,
  onClick,
  variant = 'secondary',
  block,
  disabled,
  loading,
  className,
  openType,
  id,
  onGetPhoneNumber,
  onAgreePrivacyAuthorization,
  label
}: AppButtonProps) {
  const classes = ['app-button', `app-button--${variant}`, block ? 'app-button--block' : '', className ?? ''].filter(Boolean).join(' ')
  const inactive = Boolean(disabled || loading)
  // H5 renders Taro's Button as a custom element that is neither a button to screen readers nor reachable with
  // Tab: give it the role, the focus and the keys of a native button (a disabled one is announced, not focused).
  const control =
    process.env.TARO_ENV === 'weapp'
      ? named('button', label)
      : inactive
        ? { ...named('button', label), 'aria-disabled': 'true', ...(loading ? { 'aria-busy': 'true' } : {}) }
        : pressable(() => onClick?.(), 'button', label)
  return (
    // Only set the attributes when true: Taro's H5 button reflects `false` as an attribute, which [disabled] would match.
    <Button
      // Taro's H5 button would render a missing id as id="undefined".
      {...(id ? { id } : {})}
      {...control}
      className={classes}
      onClick={onClick}
      disabled={disabled || loading || undefined}
      loading={loading || undefined}
      openType={openType}
      onGetPhoneNumber={onGetPhoneNumber}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
    >
      {/* The label as its own box: at most the button's width, breaking a word only when one cannot fit a line. */}
      <Text className="app-button__label">{children}</Text>
    </Button>
  )
}
