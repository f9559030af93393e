import { Tag } from 'antd'

export type Tone = 'danger' | 'warning' | 'success' | 'info' | 'neutral'

// antd's preset status colours fall under 4.5:1 on their tinted backgrounds (axe-core: serious); these are the
// mini-program's tag tones, which pass. The word always carries the meaning; the colour only repeats it.
const TONES: Record<Tone, { color: string; background: string }> = {
  danger: { color: '#b71c1c', background: '#ffebee' },
  warning: { color: '#7a4100', background: '#fff3e0' },
  success: { color: '#1b5e20', background: '#e8f5e9' },
  info: { color: '#0b4aa8', background: '#e8f0fe' },
  neutral: { color: '#37474f', background: '#eceff1' }
}

export function StatusTag({ tone, children }: { tone: Tone; children: string }) {
  const { color, background } = TONES[tone]
  return (
    <Tag variant="filled" style={{ color, background, marginInlineEnd: 0 }}>
      {children}
    </Tag>
  )
}
