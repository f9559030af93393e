import { ClipboardUnavailable } from './clipboard-error'
import type * as Shared from './clipboard'

export { ClipboardUnavailable }

/** The browser's clipboard, read inside the resident's tap (the browser may ask the resident first). */
export const readClipboard: typeof Shared.readClipboard = async () => {
  const clipboard = navigator.clipboard as Clipboard | undefined
  if (!clipboard?.readText) throw new ClipboardUnavailable('unsupported')
  try {
    return await clipboard.readText()
  } catch {
    throw new ClipboardUnavailable('refused')
  }
}
