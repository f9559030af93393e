import { useEffect, useState } from 'react'
import type { SmsSendResult } from '../../../../types/auth'

/**
 * Sending an SMS code with a countdown before it may be sent again (the server allows one a minute): the login form
 * and 代登记 share it. `request` answers the error it met, or null when the code went out.
 */
export function useCodeSender(send: (phone: string) => Promise<SmsSendResult>) {
  const [wait, setWait] = useState(0)
  const [sent, setSent] = useState(false)
  const [sending, setSending] = useState(false)
  useEffect(() => {
    if (wait <= 0) return
    const timer = setTimeout(() => setWait((w) => w - 1), 1000)
    return () => clearTimeout(timer)
  }, [wait])
  const request = async (phone: string): Promise<unknown> => {
    setSending(true)
    try {
      setWait((await send(phone)).resendAfter)
      setSent(true)
      return null
    } catch (err) {
      return err
    } finally {
      setSending(false)
    }
  }
  return { wait, sent, sending, request }
}
