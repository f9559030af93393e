import { Picker, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import '../FormField/index.scss'
import './index.scss'

interface DateFieldProps {
  name: string
  value: string | null
  /** YYYY-MM-DD bounds. */
  start: string
  end: string
  placeholder: string
  onChange: (value: string) => void
}

type Parts = { y: string; m: string; d: string }
const partsOf = (iso: string | null): Parts => {
  const [y = '', m = '', d = ''] = (iso ?? '').split('-')
  return { y, m: m ? String(Number(m)) : '', d: d ? String(Number(d)) : '' }
}
const daysIn = (y: number, m: number) => new Date(Date.UTC(y || 2000, m || 1, 0)).getUTCDate()

/**
 * A calendar date. The mini-program uses WeChat's date picker; in a browser, three lists — 年, 月, 日 — in Chinese
 * order and words: the browser's own date box shows its UI language's format (mm/dd/yyyy on many phones) and a
 * calendar too small for older eyes. Each list works with the keyboard (type 1962, 4, 18) and a screen reader.
 */
export function DateField({ name, value, start, end, placeholder, onChange }: DateFieldProps) {
  const [parts, setParts] = useState<Parts>(() => partsOf(value))
  useEffect(() => setParts(partsOf(value)), [value])
  if (process.env.TARO_ENV === 'weapp') {
    return (
      // With no date yet, WeChat's wheel opens 60 years back, in the middle of the people the centre counts (16–60+).
      <Picker
        mode="date"
        value={value ?? `${new Date().getFullYear() - 60}-01-01`}
        start={start}
        end={end}
        fields="day"
        onChange={(e) => onChange(String(e.detail.value))}
      >
        <View className={`form-select ${value ? '' : 'form-select--empty'}`} aria-label={name}>
          {value ? formatChineseDate(value) : placeholder}
        </View>
      </Picker>
    )
  }
  const first = Number(start.slice(0, 4))
  const last = Number(end.slice(0, 4))
  const years = Array.from({ length: last - first + 1 }, (_, i) => String(last - i))
  const days = daysIn(Number(parts.y), Number(parts.m))
  const set = (field: keyof Parts, v: string) => {
    const next = { ...parts, [field]: v }
    // A day past the month's end (31 → February) becomes its last day.
    if (next.d && Number(next.d) > daysIn(Number(next.y), Number(next.m))) next.d = String(daysIn(Number(next.y), Number(next.m)))
    setParts(next)
    if (next.y && next.m && next.d) onChange(`${next.y}-${next.m.padStart(2, '0')}-${next.d.padStart(2, '0')}`)
  }
  const list = (field: keyof Parts, label: string, options: string[], unit: string) => (
    <select
      className={`form-select date-field__part date-field__part--${field} ${parts[field] ? '' : 'form-select--empty'}`}
      aria-label={`${name}：${label}`}
      value={parts[field]}
      onChange={(e) => set(field, e.target.value)}
    >
      <option value="">{label}</option>
      {options.map((o) => (
        <option key={o} value={o}>{`${o}${unit}`}</option>
      ))}
    </select>
  )
  return (
    <View className="date-field" role="group" aria-label={name}>
      {list('y', '年', years, '年')}
      {list(
        'm',
        '月',
        Array.from({ length: 12 }, (_, i) => String(i + 1)),
        '月'
      )}
      {list(
        'd',
        '日',
        Array.from({ length: days }, (_, i) => String(i + 1)),
        '日'
      )}
    </View>
  )
}

/** 1970-05-17 → 1970年5月17日 */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
