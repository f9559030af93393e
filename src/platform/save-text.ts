import Taro from '@tarojs/taro'

/**
 * Hands a text file to the resident. The mini-program cannot save into the phone's files without opening a document
 * viewer, so the text is copied and the resident pastes it where they keep it. Answers what to tell the resident.
 */
export async function saveText(_fileName: string, text: string, _mime: string): Promise<string> {
  await Taro.setClipboardData({ data: text })
  return '已复制，可以粘贴保存'
}
