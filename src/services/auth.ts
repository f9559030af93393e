import type { AuthTokens, CaptchaAnswer, CaptchaChallenge, SmsSendResult } from '../../types/auth'
import type { Me } from '../../types/me'
import { http } from './http'

/** POST /auth/wechat — the code from Taro.login(). */
export async function loginWithWeChat(code: string): Promise<AuthTokens> {
  return (await http.post<AuthTokens>('/auth/wechat', { code })).data
}

/** POST /auth/wechat/phone — the code from the getPhoneNumber button. */
export async function verifyWeChatPhone(code: string): Promise<Me> {
  return (await http.post<Me>('/auth/wechat/phone', { code })).data
}

/** POST /auth/sms/send — H5: text a login code to this phone (with the 图形验证码's answer when one was asked for). */
export async function sendSmsCode(phone: string, captcha?: CaptchaAnswer): Promise<SmsSendResult> {
  return (await http.post<SmsSendResult>('/auth/sms/send', { phone, ...(captcha ? { captcha } : {}) })).data
}

/** POST /auth/captcha — a new 图形验证码 picture. */
export async function getCaptcha(): Promise<CaptchaChallenge> {
  return (await http.post<CaptchaChallenge>('/auth/captcha')).data
}

/** POST /auth/sms/login — H5: phone + the 6-digit code. */
export async function loginWithSms(phone: string, code: string): Promise<AuthTokens> {
  return (await http.post<AuthTokens>('/auth/sms/login', { phone, code })).data
}

/** POST /auth/logout — ends this sign-in on the server: its refresh token (and every one rotated from it) stops working. */
export async function logout(refreshToken: string): Promise<void> {
  await http.post('/auth/logout', { refreshToken })
}
