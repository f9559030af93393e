import { Input, View } from '@tarojs/components'
import { fieldName } from '../../../components/a11y'
import { useState } from 'react'
import { AppButton } from '../../../components/AppButton'
import { FormField } from '../../../components/FormField'
import { loginWithSms, sendSmsCode } from '../../../services/auth'
import { useSession } from '../../../stores/session'
import { CaptchaField } from './CaptchaField'
import { useCodeSender } from './code-sender'
import { fieldErrorsFrom, type FieldErrors } from './errors'

const PHONE = /^1[3-9]\d{9}$/

/** H5 login: phone number, "获取验证码" with a countdown, the 6-digit code. */
export function SmsLoginForm() {
  const signIn = useSession((s) => s.signIn)
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const { wait, sent, sending, request, captcha, captchaAnswer, setCaptchaAnswer, newCaptcha } = useCodeSender(sendSmsCode)
  const [submitting, setSubmitting] = useState(false)
  const [errors, setErrors] = useState<FieldErrors<'phone' | 'code' | 'captcha'>>({})

  const cleanPhone = phone.replace(/[\s-]/g, '')

  const send = async () => {
    if (!PHONE.test(cleanPhone)) {
      setErrors({ phone: '请输入11位手机号' })
      return
    }
    setErrors({})
    const err = await request(cleanPhone)
    if (err) setErrors(fieldErrorsFrom(err, ['phone', 'code', 'captcha'] as const))
  }

  const submit = async () => {
    if (!PHONE.test(cleanPhone)) return setErrors({ phone: '请输入11位手机号' })
    if (!/^\d{6}$/.test(code)) return setErrors({ code: '请输入短信里的6位数字验证码' })
    setErrors({})
    setSubmitting(true)
    try {
      signIn(await loginWithSms(cleanPhone, code))
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['phone', 'code'] as const))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="sms-login">
      <FormField label="手机号" error={errors.phone}>
        <Input
          className="form-input"
          type="number"
          maxlength={11}
          value={phone}
          placeholder="请输入手机号"
          {...fieldName('手机号')}
          onInput={(e) => setPhone(e.detail.value)}
        />
      </FormField>
      {captcha ? (
        <CaptchaField challenge={captcha} value={captchaAnswer} onChange={setCaptchaAnswer} onRefresh={() => void newCaptcha()} error={errors.captcha} />
      ) : null}
      <FormField label="短信验证码" error={errors.code} hint={sent ? '验证码已发送，5分钟内有效' : undefined}>
        <View className="sms-login__code-row">
          <Input
            className="form-input sms-login__code"
            type="number"
            maxlength={6}
            value={code}
            placeholder="6位数字"
            {...fieldName('短信验证码')}
            onInput={(e) => setCode(e.detail.value)}
          />
          <AppButton className="sms-login__send" onClick={() => void send()} loading={sending} disabled={wait > 0}>
            {wait > 0 ? `${wait}秒后重发` : sent ? '重新获取' : '获取验证码'}
          </AppButton>
        </View>
      </FormField>
      {errors.form ? (
        <View className="form-field__error" role="alert">
          {errors.form}
        </View>
      ) : null}
      <AppButton variant="primary" block loading={submitting} onClick={() => void submit()}>
        登录
      </AppButton>
    </View>
  )
}
