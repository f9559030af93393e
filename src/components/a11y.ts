/** Roles our tappable views take. */
export type ControlRole = 'button' | 'link' | 'radio' | 'tab' | 'checkbox'

type KeyEvent = { key?: string; preventDefault?: () => void; stopPropagation?: () => void }

/** Role and name in the attributes each platform reads: role / aria-label in H5, aria-role / aria-label in WeChat. */
export function named(role: string, label?: string): Record<string, unknown> {
  if (process.env.TARO_ENV === 'weapp') return { ariaRole: role, ...(label ? { ariaLabel: label } : {}) }
  return { role, ...(label ? { 'aria-label': label } : {}) }
}

/**
 * Props that make a tappable View a control everyone can use: its role and name for screen readers, and in H5
 * reachable with Tab and pressed with Enter or Space (what a native button does).
 */
export function pressable(onPress: () => void, role: ControlRole = 'button', label?: string): Record<string, unknown> {
  if (process.env.TARO_ENV === 'weapp') return { ...named(role, label), onClick: onPress }
  return {
    ...named(role, label),
    tabIndex: 0,
    onClick: onPress,
    onKeyDown: (e: KeyEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return
      e.preventDefault?.()
      e.stopPropagation?.()
      onPress()
    }
  }
}

/**
 * A field's accessible name, which is its visible label (WCAG 2.5.3). Taro's H5 input is a wrapper around the real
 * <input>/<textarea> and puts aria-label on the wrapper, so a screen reader announced the placeholder ("例如 5000")
 * instead; nativeProps reaches the real field. In WeChat the field is the element itself.
 */
export function fieldName(label: string): Record<string, unknown> {
  if (process.env.TARO_ENV === 'weapp') return { ariaLabel: label }
  return { nativeProps: { 'aria-label': label } }
}

/** An image's text alternative: on the real <img> in H5 (Taro's wrapper would hold it otherwise), aria-label in WeChat. */
export function imageName(text: string): Record<string, unknown> {
  if (process.env.TARO_ENV === 'weapp') return { ariaLabel: text }
  return { nativeProps: { alt: text } }
}
