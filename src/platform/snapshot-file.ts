import Taro from '@tarojs/taro'

// The phone's copy of the blocklist lives in the mini-program's user data area (wx.env.USER_DATA_PATH), which WeChat
// keeps until the mini-program is deleted; ~1.3 MB at a million entries, well inside its 200 MB.
const FILE = 'blocklist-snapshot.bin'
const path = () => `${(Taro.env as { USER_DATA_PATH: string }).USER_DATA_PATH}/${FILE}`

/** The stored copy's bytes, or null when there is none (or it cannot be read). */
export function readSnapshotFile(): Promise<ArrayBuffer | null> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: path(),
      success: (res) => resolve(res.data instanceof ArrayBuffer ? res.data : null),
      fail: () => resolve(null)
    })
  })
}

/** Replaces the stored copy. */
export function writeSnapshotFile(bytes: ArrayBuffer): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath: path(),
      data: bytes,
      success: () => resolve(),
      fail: (err) => reject(new Error(err.errMsg))
    })
  })
}
