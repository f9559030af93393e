import { SUBPACKAGES, TAB_ROUTES } from './routes'

export default defineAppConfig({
  pages: [TAB_ROUTES.check, TAB_ROUTES.bulletins, TAB_ROUTES.learn, TAB_ROUTES.mine],
  subPackages: Object.values(SUBPACKAGES).map((p) => ({ root: p.root, pages: Object.values(p.pages) })),
  lazyCodeLoading: 'requiredComponents',
  // The offline checks' package (and the report form, which keeps a report written offline) are fetched while the
  // 查号码 tab is open and online, so they are on the phone when the network drops (a subpackage is otherwise
  // downloaded on first visit, which needs the network).
  preloadRule: { [TAB_ROUTES.check]: { network: 'all', packages: [SUBPACKAGES.offline.root, SUBPACKAGES.report.root] } },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#B71C1C',
    navigationBarTitleText: '守好钱袋子',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F5F5F5'
  },
  tabBar: {
    color: '#424242',
    selectedColor: '#B71C1C',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: TAB_ROUTES.check, text: '查号码', iconPath: 'assets/tab/check.png', selectedIconPath: 'assets/tab/check-active.png' },
      // Index 1: the unread badge is set on it (stores/bulletins.ts BULLETINS_TAB_INDEX).
      { pagePath: TAB_ROUTES.bulletins, text: '预警', iconPath: 'assets/tab/bulletins.png', selectedIconPath: 'assets/tab/bulletins-active.png' },
      { pagePath: TAB_ROUTES.learn, text: '学反诈', iconPath: 'assets/tab/learn.png', selectedIconPath: 'assets/tab/learn-active.png' },
      { pagePath: TAB_ROUTES.mine, text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' }
    ]
  },
  // H5 only (not an app.json key: kept out of the mini-program's). Taro's animated router hides the page being left on
  // a timer that a quick back tap can outrun, leaving that page hidden when it comes back (a blank screen); instant
  // switches also suit older residents.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  permission: {},
  // Privacy guideline (2023-10): the clipboard is read only after a tap on the paste button.
  __usePrivacyCheck__: true
})
