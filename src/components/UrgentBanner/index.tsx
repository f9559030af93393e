import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { subpackageUrl } from '../../routes'
import { useBulletins } from '../../stores/bulletins'
import { pressable } from '../a11y'
import './index.scss'

/** An urgent bulletin the resident has not seen: one line at the top of the page, tap to read, × to dismiss. */
export function UrgentBanner() {
  const banner = useBulletins((s) => s.banner)
  const dismiss = useBulletins((s) => s.dismissBanner)
  if (!banner) return null
  return (
    <View className="urgent-banner" role="alert">
      <View
        className="urgent-banner__body"
        {...pressable(() => void Taro.navigateTo({ url: subpackageUrl('bulletins', 'detail', { id: banner.id }) }), 'link')}
      >
        <Text className="urgent-banner__label">紧急预警</Text>
        <Text className="urgent-banner__title">{banner.title}</Text>
      </View>
      <View className="urgent-banner__close" {...pressable(dismiss, 'button', '关闭紧急预警提示')}>
        ×
      </View>
    </View>
  )
}
