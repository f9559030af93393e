import { Picker, View } from '@tarojs/components'
import '../FormField/index.scss'

interface DateFieldProps {
  name: string
  value: string | null
  /** YYYY-MM-DD bounds. */
  start: string
  end: string
  placeholder: string
  onChange: (value: string) => void
}

/** A calendar date: the native date picker on both platforms (mini-program picker, browser date input). */
export function DateField({ name, value, start, end, placeholder, onChange }: DateFieldProps) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode='date' value={value ?? '1970-01-01'} start={start} end={end} fields='day' onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`form-select ${value ? '' : 'form-select--empty'}`} aria-label={name}>{value ? formatChineseDate(value) : placeholder}</View>
      </Picker>
    )
  }
  return (
    // lang: the browser shows the date the Chinese way (年/月/日) where it honours it.
    <input className='form-select' type='date' lang='zh-CN' aria-label={name} value={value ?? ''} min={start} max={end}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}

/** 1970-05-17 → 1970年5月17日 */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
