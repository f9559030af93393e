import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ApiError } from '../../services/http'
import { AppButton } from '../AppButton'
import { pressable } from '../a11y'
import './index.scss'

export interface PickedPhoto {
  id: string
  path: string
}

interface PhotoPickerProps {
  value: PickedPhoto[]
  onChange: (next: PickedPhoto[]) => void
  /** Sends one picked file; the server checks it and removes location data, and answers with its id. */
  upload: (path: string) => Promise<{ id: string }>
  max: number
  /** What the pictures are called on the buttons and labels: 截图 or 照片. */
  noun: string
}

/** A few pictures for a form, uploaded as soon as they are picked; the form sends their ids. */
export function PhotoPicker({ value, onChange, upload, max, noun }: PhotoPickerProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const pick = async () => {
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths
    } catch {
      return // Closed the picker.
    }
    setBusy(true)
    setError(null)
    const added: PickedPhoto[] = []
    try {
      for (const path of paths.slice(0, max - value.length)) added.push({ id: (await upload(path)).id, path })
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `${noun}上传没有成功，请稍后再试`)
    } finally {
      setBusy(false)
      if (added.length > 0) onChange([...value, ...added])
    }
  }

  return (
    <View className="photo-picker">
      <View className="photo-picker__list">
        {value.map((s, i) => (
          <View key={s.id} className="photo-picker__item">
            <Image className="photo-picker__image" src={s.path} mode="aspectFill" ariaLabel={`${noun}${i + 1}`} />
            <View className="photo-picker__remove" {...pressable(() => onChange(value.filter((x) => x.id !== s.id)), 'button', `删除${noun}${i + 1}`)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
      </View>
      {value.length < max ? (
        <AppButton block loading={busy} onClick={() => void pick()}>
          {value.length === 0 ? `添加${noun}` : `再加一张${noun}`}
        </AppButton>
      ) : null}
      {error ? (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  )
}
