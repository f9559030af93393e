import { useEffect, useState } from 'react'
import type { CaptchaAnswer, CaptchaChallenge, SmsSendResult } from '../../../../types/auth'
import { getCaptcha } from '../../../services/auth'
import { ApiError } from '../../../services/http'

/**
 * Sending an SMS code with a countdown before it may be sent again (the server allows one a minute per phone): the
 * login form and 代登记 share it. From a busy network address the server asks for a 图形验证码 first: the picture is
 * fetched and shown (`captcha`), and the next send carries the typed answer. `request` answers the error it met, or
 * null when the code went out.
 */
export function useCodeSender(send: (phone: string, captcha?: CaptchaAnswer) => Promise<SmsSendResult>) {
  const [wait, setWait] = useState(0)
  const [sent, setSent] = useState(false)
  const [sending, setSending] = useState(false)
  const [captcha, setCaptcha] = useState<CaptchaChallenge | null>(null)
  const [captchaAnswer, setCaptchaAnswer] = useState('')
  useEffect(() => {
    if (wait <= 0) return
    const timer = setTimeout(() => setWait((w) => w - 1), 1000)
    return () => clearTimeout(timer)
  }, [wait])
  /** A new picture (换一张, or after one was used): the old answer goes with the old picture. */
  const newCaptcha = async () => {
    setCaptchaAnswer('')
    try {
      setCaptcha(await getCaptcha())
    } catch {
      setCaptcha(null)
    }
  }
  const request = async (phone: string): Promise<unknown> => {
    if (captcha && captchaAnswer.trim() === '') return new ApiError('CAPTCHA_REQUIRED', '请输入图中的4位数字', null, 'captcha')
    setSending(true)
    try {
      setWait((await send(phone, captcha ? { id: captcha.id, answer: captchaAnswer } : undefined)).resendAfter)
      setSent(true)
      setCaptcha(null)
      setCaptchaAnswer('')
      return null
    } catch (err) {
      // Asked for, or answered wrongly (a picture is answered once): show a new one.
      if (err instanceof ApiError && (err.code === 'CAPTCHA_REQUIRED' || err.code === 'CAPTCHA_WRONG')) await newCaptcha()
      return err
    } finally {
      setSending(false)
    }
  }
  return { wait, sent, sending, request, captcha, captchaAnswer, setCaptchaAnswer, newCaptcha }
}
