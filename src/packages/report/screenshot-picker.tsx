import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AppButton } from '../../components/AppButton'
import { pressable } from '../../components/a11y'
import { ApiError } from '../../services/http'
import { uploadScreenshot } from '../../services/reports'

export const MAX_SCREENSHOTS = 3

export interface PickedScreenshot {
  id: string
  path: string
}

/**
 * Up to three screenshots for a report, uploaded as soon as they are picked (the server checks them and removes
 * location data); the form sends their ids.
 */
export function ScreenshotPicker({ value, onChange }: { value: PickedScreenshot[]; onChange: (next: PickedScreenshot[]) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const pick = async () => {
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: MAX_SCREENSHOTS - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths
    } catch {
      return // The resident closed the picker.
    }
    setBusy(true)
    setError(null)
    const added: PickedScreenshot[] = []
    try {
      for (const path of paths.slice(0, MAX_SCREENSHOTS - value.length)) added.push({ id: (await uploadScreenshot(path)).id, path })
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '截图上传没有成功，请稍后再试')
    } finally {
      setBusy(false)
      if (added.length > 0) onChange([...value, ...added])
    }
  }

  return (
    <View className='screenshot-picker'>
      <View className='screenshot-picker__list'>
        {value.map((s, i) => (
          <View key={s.id} className='screenshot-picker__item'>
            <Image className='screenshot-picker__image' src={s.path} mode='aspectFill' ariaLabel={`截图${i + 1}`} />
            <View className='screenshot-picker__remove' {...pressable(() => onChange(value.filter((x) => x.id !== s.id)), 'button', `删除截图${i + 1}`)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
      </View>
      {value.length < MAX_SCREENSHOTS ? (
        <AppButton block loading={busy} onClick={() => void pick()}>{value.length === 0 ? '添加截图' : '再加一张截图'}</AppButton>
      ) : null}
      {error ? <View className='form-field__error' role='alert'>{error}</View> : null}
    </View>
  )
}
