import { useEffect, useRef, useState } from 'react'
import { App, Button } from 'antd'
import { BellOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router-dom'
import { RISK_TYPE_NAMES } from '../../../types/warning-wording'
import type { DutyOverview } from '../../../types/duty'

/** A short two-tone chime from the page itself (no sound file to load); silently nothing where audio is refused. */
function chime(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!Ctx) return
    const ctx = new Ctx()
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.frequency.value = freq
      gain.gain.value = 0.15
      osc.connect(gain).connect(ctx.destination)
      osc.start(ctx.currentTime + i * 0.25)
      osc.stop(ctx.currentTime + i * 0.25 + 0.2)
    }
    window.setTimeout(() => void ctx.close(), 1_000)
  } catch {
    // No audio (policy or device): the on-screen notice still shows.
  }
}

/**
 * Announces a new high-risk warning instead of a silent refresh: a chime, a notice on the page with 立即查看, and a
 * browser notification when the clerk has allowed them (开启桌面提醒). The first data seen is taken as known.
 */
export function DutyAlerts({ duty }: { duty: DutyOverview | undefined }) {
  const { notification } = App.useApp()
  const navigate = useNavigate()
  const seen = useRef<Set<string> | null>(null)
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'denied' : Notification.permission)
  useEffect(() => {
    if (!duty) return
    if (seen.current === null) {
      seen.current = new Set(duty.newestHighRisk.map((w) => w.id))
      return
    }
    const fresh = duty.newestHighRisk.filter((w) => !(seen.current as Set<string>).has(w.id))
    if (fresh.length === 0) return
    for (const w of fresh) (seen.current as Set<string>).add(w.id)
    chime()
    for (const w of fresh) {
      const text = `${RISK_TYPE_NAMES[w.riskType]} · ${w.phoneMasked}`
      notification.warning({
        key: `warning-${w.id}`,
        title: '新的高风险预警',
        description: text,
        duration: 0,
        role: 'alert',
        actions: (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              notification.destroy(`warning-${w.id}`)
              navigate(`/warnings/${w.id}`)
            }}
          >
            立即查看
          </Button>
        )
      })
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const n = new Notification('新的高风险预警', { body: text, tag: `warning-${w.id}` })
        n.onclick = () => {
          window.focus()
          navigate(`/warnings/${w.id}`)
        }
      }
    }
  }, [duty, notification, navigate])
  if (permission !== 'default') return null
  return (
    <Button icon={<BellOutlined aria-hidden />} onClick={() => void Notification.requestPermission().then(setPermission)}>
      开启桌面提醒
    </Button>
  )
}
