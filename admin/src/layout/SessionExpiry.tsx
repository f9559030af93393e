import { useEffect, useState } from 'react'
import { Alert, Button } from 'antd'
import { useSession } from '../stores/session'
import { renewSession } from '../services/auth'
import { useAction } from '../hooks/useAction'

/** Minutes before the token runs out when the console starts warning. */
export const WARN_BEFORE_MS = 5 * 60_000

/**
 * 登录即将过期: a banner (not a dialog: it must not take the keyboard from a half-typed form) with 延长登录, from five
 * minutes before the token runs out. Renewing keeps the page and everything typed on it.
 */
export function SessionExpiry({ now = () => Date.now() }: { now?: () => number }) {
  const session = useSession((s) => s.session)
  const signIn = useSession((s) => s.signIn)
  const [tick, setTick] = useState(0)
  const { busy, error, run } = useAction()
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 15_000)
    return () => clearInterval(timer)
  }, [])
  if (!session) return null
  const left = session.expiresAt - now()
  void tick
  if (left > WARN_BEFORE_MS) return null
  const minutes = Math.max(0, Math.ceil(left / 60_000))
  const renew = () => run(async () => signIn(await renewSession()))
  return (
    <Alert
      type="warning"
      showIcon
      style={{ margin: '8px 16px 0' }}
      title={error ?? `登录将在 ${minutes} 分钟内过期。请先点“延长登录”，正在填写的内容不会丢失。`}
      action={
        <Button size="small" type="primary" loading={busy} onClick={() => void renew()}>
          延长登录
        </Button>
      }
    />
  )
}
