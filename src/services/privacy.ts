import Taro from '@tarojs/taro'

type PrivacyResolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

let pending: PrivacyResolve | null = null

/**
 * weapp: WeChat asks before the first privacy-relevant API (getPhoneNumber, clipboard …). We answer by opening
 * our privacy page; its agree button (openType agreePrivacyAuthorization) resolves the pending request.
 */
export function installPrivacyHandler(openPrivacyPage: () => void): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as PrivacyResolve
    openPrivacyPage()
  })
}

export function resolvePrivacy(event: 'agree' | 'disagree', buttonId?: string): void {
  pending?.({ event, buttonId })
  pending = null
}
