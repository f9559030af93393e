import { View } from '@tarojs/components'
import './index.scss'

interface SegmentedChoiceProps<T extends string> {
  /** Accessible name of the group. */
  name: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}

/** A few large side-by-side choices, the chosen one filled (a radio group for screen readers). */
export function SegmentedChoice<T extends string>({ name, value, options, onChange }: SegmentedChoiceProps<T>) {
  return (
    <View className='segmented' role='radiogroup' aria-label={name}>
      {options.map((o) => (
        <View key={o.value} role='radio' aria-checked={value === o.value} className={`segmented__item ${value === o.value ? 'segmented__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
