// The part of @tarojs/taro the app uses, as jest mocks. Storage is a real in-memory map so persistence
// behaves; request is driven per test through `respondWith`.
const storage = new Map<string, unknown>()

type RequestOptions = {
  url: string
  method: string
  data?: unknown
  header?: Record<string, string>
  success: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void
  fail: (err: { errMsg: string }) => void
}

/** The one player's context (Taro.createVideoContext), so a test can see what the page asked of it. */
export const videoContext = {
  play: jest.fn(),
  pause: jest.fn(),
  seek: jest.fn((_position: number) => undefined),
  requestFullScreen: jest.fn((_options: { direction?: number }) => undefined)
}

const Taro = {
  request: jest.fn((_options: RequestOptions) => undefined),
  getClipboardData: jest.fn(async () => ({ data: '' })),
  showToast: jest.fn(async () => undefined),
  makePhoneCall: jest.fn(async () => undefined),
  navigateTo: jest.fn(async () => undefined),
  redirectTo: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  switchTab: jest.fn(async () => undefined),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  login: jest.fn(async () => ({ code: 'wx-login-code', errMsg: 'login:ok' })),
  setClipboardData: jest.fn(async () => undefined),
  setTabBarBadge: jest.fn(async () => undefined),
  removeTabBarBadge: jest.fn(async () => undefined),
  stopPullDownRefresh: jest.fn(() => undefined),
  requestSubscribeMessage: jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
  chooseImage: jest.fn(async () => ({ tempFilePaths: [] as string[], errMsg: 'chooseImage:ok' })),
  uploadFile: jest.fn(async () => ({ statusCode: 500, data: '', errMsg: 'uploadFile:ok' })),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  getCurrentPages: jest.fn(() => [{}] as unknown[]),
  createVideoContext: jest.fn((_id: string) => videoContext),
  setNavigationBarTitle: jest.fn(async (_options: { title: string }) => undefined),
  pageScrollTo: jest.fn(async (_options: { selector?: string; scrollTop?: number; duration?: number }) => undefined),
  // After the current render, as Taro's own does.
  nextTick: jest.fn((callback: () => void) => void setTimeout(callback, 0)),
  clearStorageSync: () => storage.clear(),
  // The mini-program's user data area, as a map of paths (wx.env.USER_DATA_PATH, getFileSystemManager).
  env: { USER_DATA_PATH: 'wxfile://usr' },
  getFileSystemManager: jest.fn(() => fileSystem),
  onNetworkStatusChange: jest.fn((listener: NetworkListener) => void networkListeners.add(listener)),
  offNetworkStatusChange: jest.fn((listener: NetworkListener) => void networkListeners.delete(listener))
}

/** What the mini-program's file system holds (tests/mocks: getFileSystemManager). */
export const userFiles = new Map<string, ArrayBuffer>()
type FileCallbacks = { success?: (res: { data: ArrayBuffer }) => void; fail?: (err: { errMsg: string }) => void }
const fileSystem = {
  readFile: jest.fn(({ filePath, success, fail }: { filePath: string } & FileCallbacks) => {
    const data = userFiles.get(filePath)
    setTimeout(() => (data ? success?.({ data }) : fail?.({ errMsg: 'readFile:fail no such file or directory' })), 0)
  }),
  writeFile: jest.fn(({ filePath, data, success }: { filePath: string; data: ArrayBuffer; success?: () => void }) => {
    userFiles.set(filePath, data)
    setTimeout(() => success?.(), 0)
  })
}

type NetworkListener = (res: { isConnected: boolean; networkType: string }) => void
const networkListeners = new Set<NetworkListener>()
/** What WeChat (or the browser's online event, in H5) tells the app when the network comes or goes. */
export function networkChanges(isConnected: boolean): void {
  for (const listener of networkListeners) listener({ isConnected, networkType: isConnected ? 'wifi' : 'none' })
}

export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }))
export const useLoad = jest.fn()
export const useLaunch = jest.fn()
export const usePullDownRefresh = jest.fn()
export const useReachBottom = jest.fn()
export const useShareAppMessage = jest.fn()
/** Runs the callback once after mount, like a page showing for the first time. */
export const useRunOnShow = (callback: () => void) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { useEffect } = require('react') as typeof import('react')
  // Once per mount, whatever the callback identity: that is what "the page showed" means.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), [])
}
export const useDidShow = jest.fn(useRunOnShow)

/** Makes Taro.request answer like the server would. */
export function respondWith(
  handler: (
    url: string,
    request: RequestOptions
  ) =>
    | { statusCode: number; body: unknown }
    | { statusCode: number; text: string }
    | { statusCode: number; bytes: Uint8Array; header: Record<string, string> }
    | 'network-error'
): void {
  Taro.request.mockImplementation((options: RequestOptions) => {
    const answer = handler(options.url, options)
    setTimeout(() => {
      if (answer === 'network-error') options.fail({ errMsg: 'request:fail' })
      else if ('bytes' in answer) {
        const copy = answer.bytes.slice().buffer
        options.success({ statusCode: answer.statusCode, data: copy, header: { 'content-type': 'application/octet-stream', ...answer.header } })
      } else if ('text' in answer) options.success({ statusCode: answer.statusCode, data: answer.text, header: { 'content-type': 'text/plain' } })
      else options.success({ statusCode: answer.statusCode, data: JSON.stringify(answer.body), header: { 'content-type': 'application/json' } })
    }, 0)
    return undefined
  })
}

export default Taro
