import Taro from '@tarojs/taro'
import { ClipboardUnavailable } from './clipboard-error'

export { ClipboardUnavailable }

/** The phone's clipboard, read inside the resident's tap: WeChat's in the mini-program. */
export async function readClipboard(): Promise<string> {
  try {
    return (await Taro.getClipboardData()).data ?? ''
  } catch {
    throw new ClipboardUnavailable('refused')
  }
}
