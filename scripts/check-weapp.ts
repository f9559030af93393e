// Checks the mini-program as WeChat will load it, from dist/weapp (the H5 tests never run it): every page of
// src/routes.ts registered and complete, <page-meta> in every page (without it the root font size, and so 跟随系统 and
// 大字, is dropped), app.json and page configs holding only keys WeChat documents (an H5-only key such as `animation`
// is at best ignored), and the packages inside their budgets. Run after `npm run build:weapp`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'acorn'
import { SUBPACKAGES, TAB_ROUTES } from '../src/routes'

const DIST = path.resolve('dist/weapp')
const BUDGET = Number(process.env.WEAPP_MAIN_BUDGET_KB ?? 600) * 1024
const WECHAT_LIMIT = 2 * 1024 * 1024

// https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html (全局配置)
const APP_KEYS = new Set([
  'entryPagePath',
  'pages',
  'window',
  'tabBar',
  'networkTimeout',
  'debug',
  'functionalPages',
  'subpackages',
  'subPackages',
  'workers',
  'requiredBackgroundModes',
  'requiredPrivateInfos',
  'plugins',
  'preloadRule',
  'resizable',
  'usingComponents',
  'permission',
  'sitemapLocation',
  'style',
  'useExtendedLib',
  'entranceDeclare',
  'darkmode',
  'themeLocation',
  'lazyCodeLoading',
  'singlePage',
  'supportedMaterials',
  'serviceProviderTicket',
  'embeddedAppIdList',
  'halfPage',
  'debugOptions',
  'enablePassiveEvent',
  'resolveAlias',
  'renderer',
  'rendererOptions',
  'componentFramework',
  'miniApp',
  'static',
  'convertRpxToVw',
  'appBar',
  '__usePrivacyCheck__'
])
// https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/page.html (页面配置)
const PAGE_KEYS = new Set([
  'navigationBarBackgroundColor',
  'navigationBarTextStyle',
  'navigationBarTitleText',
  'navigationStyle',
  'homeButton',
  'backgroundColor',
  'backgroundTextStyle',
  'backgroundColorTop',
  'backgroundColorBottom',
  'enablePullDownRefresh',
  'onReachBottomDistance',
  'pageOrientation',
  'restartStrategy',
  'initialRenderingCache',
  'visualEffectInBackground',
  'handleWebviewPreload',
  'disableScroll',
  'usingComponents',
  'style',
  'singlePage',
  'renderer',
  'rendererOptions',
  'componentFramework',
  'componentPlaceholder'
])

type AppJson = { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; tabBar?: { list: Array<{ pagePath: string }> } } & Record<
  string,
  unknown
>
const problems: string[] = []
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(DIST, file), 'utf8')) as T

const app = readJson<AppJson>('app.json')
for (const key of Object.keys(app)) if (!APP_KEYS.has(key)) problems.push(`app.json: "${key}" is not an app.json key WeChat documents`)

const registered = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
const expected = [...Object.values(TAB_ROUTES), ...Object.values(SUBPACKAGES).flatMap((p) => Object.values(p.pages).map((page: string) => `${p.root}/${page}`))]
for (const page of expected) if (!registered.includes(page)) problems.push(`${page}: not registered in app.json`)
for (const item of app.tabBar?.list ?? []) if (!app.pages.includes(item.pagePath)) problems.push(`tabBar: ${item.pagePath} is not in the main package`)

for (const page of registered) {
  for (const ext of ['js', 'json', 'wxml', 'wxss']) if (!existsSync(path.join(DIST, `${page}.${ext}`))) problems.push(`${page}.${ext}: missing`)
  if (!existsSync(path.join(DIST, `${page}.json`))) continue
  for (const key of Object.keys(readJson<Record<string, unknown>>(`${page}.json`))) {
    if (!PAGE_KEYS.has(key)) problems.push(`${page}.json: "${key}" is not a page config key WeChat documents`)
  }
  const wxml = existsSync(path.join(DIST, `${page}.wxml`)) ? readFileSync(path.join(DIST, `${page}.wxml`), 'utf8') : ''
  if (!/<page-meta[^>]*root-font-size=/.test(wxml)) problems.push(`${page}.wxml: no <page-meta root-font-size> (set enablePageMeta in its config)`)
}

// Sizes: the main package (everything outside the subpackage roots) against our budget, each subpackage against WeChat's.
const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''))
const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])])
function walk(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      walk(p)
      continue
    }
    if (/\.(map|LICENSE\.txt)$/.test(entry.name)) continue // not uploaded to WeChat
    const rel = path.relative(DIST, p).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(r + '/')) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(p).size)
  }
}
walk(DIST)
for (const [name, bytes] of sizes) {
  const limit = name === 'main' ? BUDGET : WECHAT_LIMIT
  if (bytes > limit) problems.push(`${name}: ${(bytes / 1024).toFixed(1)} KB is over ${(limit / 1024).toFixed(0)} KB`)
  console.log(`${bytes <= limit ? 'ok  ' : 'FAIL'} ${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  (limit ${(limit / 1024).toFixed(0)} KB)`)
}

console.log(`${registered.length} pages registered, each with <page-meta>; app.json keys: ${Object.keys(app).join(', ')}`)
// The offline rules' package runs on phones whose engines stop at ES2017 (the build's babel target): its code must
// parse as ES2017 exactly (no object spread, optional chaining, optional catch binding, regex lookbehind…).
const OFFLINE_ROOT = SUBPACKAGES.offline.root
function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []
  )
}
for (const file of scripts(path.join(DIST, OFFLINE_ROOT))) {
  try {
    parse(readFileSync(file, 'utf8'), { ecmaVersion: 2017, sourceType: 'script' })
  } catch (e) {
    problems.push(`${path.relative(DIST, file)}: not ES2017 (${(e as Error).message})`)
  }
}
console.log(`${OFFLINE_ROOT}: ES2017 (acorn, ecmaVersion 2017)`)
for (const p of problems) console.log(`FAIL ${p}`)
process.exit(problems.length > 0 ? 1 : 0)
