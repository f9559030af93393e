import { Text, View } from '@tarojs/components'
import './index.scss'

/** A label on the left, its value on the right: how we show facts about the resident. */
export function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="info-row">
      <Text className="info-row__label">{label}</Text>
      <Text className="info-row__value">{value}</Text>
    </View>
  )
}
