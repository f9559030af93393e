import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { installAccessibleDialogs } from './platform/dialogs'
import { installAccessibleTabBar } from './platform/tabbar'
import { registerServiceWorker } from './platform/service-worker'
// Loaded for its styles (H5 only; see the file).
import './platform/fields'
import { subpackageUrl } from './routes'
import { useReportQueue } from './stores/report-queue'
import { installPrivacyHandler } from './services/privacy'
import { setSessionExpiredHandler } from './services/session-events'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installAccessibleDialogs()
    installAccessibleTabBar()
    registerServiceWorker()
    // Reports written without a network go out when it returns (stores/report-queue.ts), and at every start.
    void useReportQueue.getState().flush()
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void useReportQueue.getState().flush()
    })
    installPrivacyHandler(() => void Taro.navigateTo({ url: subpackageUrl('account', 'privacy') }))
    // A login that can no longer be refreshed: say so and offer the login page instead of a blank screen.
    setSessionExpiredHandler(() => {
      void Taro.showModal({ title: '登录已过期', content: '请重新登录后继续。查号码不需要登录。', confirmText: '去登录', cancelText: '稍后' })
        .then((r) => (r.confirm ? Taro.navigateTo({ url: subpackageUrl('account', 'register') }) : undefined))
        .catch(() => {})
    })
  })
  return children
}

export default App
