import Taro from '@tarojs/taro'

/** Why the clipboard could not be read: the browser has no clipboard API, or it (or the resident) refused. */
export class ClipboardUnavailable extends Error {
  constructor(readonly reason: 'unsupported' | 'refused') {
    super(reason)
  }
}

/**
 * The phone's clipboard, read inside the resident's tap: WeChat's in the mini-program, the browser's own in H5 (it
 * may ask the resident first). Throws ClipboardUnavailable when it cannot be read.
 */
export async function readClipboard(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      return (await Taro.getClipboardData()).data ?? ''
    } catch {
      throw new ClipboardUnavailable('refused')
    }
  }
  const clipboard = (globalThis as { navigator?: { clipboard?: { readText?: () => Promise<string> } } }).navigator?.clipboard
  if (!clipboard?.readText) throw new ClipboardUnavailable('unsupported')
  try {
    return await clipboard.readText()
  } catch {
    throw new ClipboardUnavailable('refused')
  }
}
