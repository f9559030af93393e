import Taro from '@tarojs/taro'

/** A short message at the centre of the screen; long enough to read (2.5 s). */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}
