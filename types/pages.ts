/**
 * Every mini-program page's path, in one place: the app's app.config.ts and navigation (src/routes.ts) and the pages
 * the server's subscribe messages open are built from these, so a renamed page breaks the type check instead of a tap.
 */
export const TAB_ROUTES = {
  check: 'pages/check/index',
  bulletins: 'pages/bulletins/index',
  learn: 'pages/learn/index',
  mine: 'pages/mine/index'
} as const

export const SUBPACKAGES = {
  report: { root: 'packages/report', pages: { index: 'pages/index/index' } },
  bulletins: { root: 'packages/bulletins', pages: { detail: 'pages/detail/index' } },
  warnings: { root: 'packages/warnings', pages: { verify: 'pages/verify/index' } },
  learn: { root: 'packages/learn', pages: { tip: 'pages/tip/index', video: 'pages/video/index' } },
  account: {
    root: 'packages/account',
    pages: {
      privacy: 'pages/privacy/index',
      register: 'pages/register/index',
      edit: 'pages/edit/index',
      myData: 'pages/my-data/index',
      proxy: 'pages/proxy/index'
    }
  },
  family: { root: 'packages/family', pages: { index: 'pages/index/index' } },
  grid: { root: 'packages/grid', pages: { index: 'pages/index/index' } },
  // The shared rules (rules/) and the checks without a network: downloaded with the 查号码 tab (app.config preloadRule).
  offline: { root: 'packages/offline', pages: { check: 'pages/check/index' } }
} as const

export type TabRoute = (typeof TAB_ROUTES)[keyof typeof TAB_ROUTES]

/** A subpackage page's path as app.json and a subscribe message's `page` name it (no leading slash, no query). */
export function subpackagePage<K extends keyof typeof SUBPACKAGES>(pkg: K, page: keyof (typeof SUBPACKAGES)[K]['pages']): string {
  const p = SUBPACKAGES[pkg]
  return `${p.root}/${(p.pages as Record<string, string>)[page as string]}`
}
