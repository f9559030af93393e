import { Text, View } from '@tarojs/components'
import { AppButton } from '../AppButton'
import './index.scss'

interface StateViewProps {
  kind: 'loading' | 'empty' | 'error'
  message: string
  onRetry?: () => void
}

/** Loading / empty / error states: always a sentence in Chinese, and a retry where one helps. */
export function StateView({ kind, message, onRetry }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <Text className="state-view__message">{message}</Text>
      {onRetry ? (
        <View className="state-view__action">
          <AppButton onClick={onRetry}>重试</AppButton>
        </View>
      ) : null}
    </View>
  )
}
