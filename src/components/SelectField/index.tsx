import { Picker, View } from '@tarojs/components'
import '../FormField/index.scss'

export interface SelectOption {
  value: string
  label: string
}

interface SelectFieldProps {
  /** Accessible name (the visible label sits in FormField). */
  name: string
  value: string | null
  options: SelectOption[]
  placeholder: string
  onChange: (value: string) => void
  disabled?: boolean
}

/**
 * A choice from a list: the mini-program's native picker in weapp, the browser's own <select> in H5 (phones
 * show their native wheel, which elders know from other apps, and screen readers understand it).
 */
export function SelectField({ name, value, options, placeholder, onChange, disabled }: SelectFieldProps) {
  const index = options.findIndex((o) => o.value === value)
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker
        mode="selector"
        range={options.map((o) => o.label)}
        value={Math.max(0, index)}
        disabled={disabled}
        onChange={(e) => {
          const chosen = options[Number(e.detail.value)]
          if (chosen) onChange(chosen.value)
        }}
      >
        <View className={`form-select ${index < 0 ? 'form-select--empty' : ''}`} aria-label={name}>
          {index >= 0 ? options[index].label : placeholder}
        </View>
      </Picker>
    )
  }
  return (
    <select
      className={`form-select ${index < 0 ? 'form-select--empty' : ''}`}
      aria-label={name}
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="" disabled>
        {placeholder}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
