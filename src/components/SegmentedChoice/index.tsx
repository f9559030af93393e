import { View } from '@tarojs/components'
import { named } from '../a11y'
import './index.scss'

interface SegmentedChoiceProps<T extends string> {
  /** Accessible name of the group. */
  name: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}

type KeyEvent = { key?: string; preventDefault?: () => void; currentTarget?: { parentElement?: { children?: ArrayLike<{ focus?: () => void }> } | null } }

/**
 * A few large side-by-side choices, the chosen one filled: a radio group for screen readers and keyboards (Tab
 * reaches the chosen one, arrow keys move the choice, Enter or Space takes the focused one).
 */
export function SegmentedChoice<T extends string>({ name, value, options, onChange }: SegmentedChoiceProps<T>) {
  const at = Math.max(
    0,
    options.findIndex((o) => o.value === value)
  )
  const keys = (i: number) => (e: KeyEvent) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0
    if (step === 0 && e.key !== 'Enter' && e.key !== ' ') return
    e.preventDefault?.()
    const j = (i + step + options.length) % options.length
    const next = options[j]
    if (next) onChange(next.value)
    // The focus follows the choice (arrow keys in a radio group).
    if (step !== 0) e.currentTarget?.parentElement?.children?.[j]?.focus?.()
  }
  const isH5 = process.env.TARO_ENV !== 'weapp'
  return (
    <View className="segmented" {...named('radiogroup', name)}>
      {options.map((o, i) => (
        <View
          key={o.value}
          {...named('radio')}
          aria-checked={value === o.value}
          className={`segmented__item ${value === o.value ? 'segmented__item--on' : ''}`}
          {...(isH5 ? { tabIndex: i === at ? 0 : -1, onKeyDown: keys(i) } : {})}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
