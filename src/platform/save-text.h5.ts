import type * as Shared from './save-text'

/** In H5 the browser downloads it as a file. */
export const saveText: typeof Shared.saveText = async (fileName, text, mime) => {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return '已下载到这台设备'
}
