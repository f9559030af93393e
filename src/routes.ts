import { SUBPACKAGES, subpackagePage } from '../types/pages'

export { SUBPACKAGES, TAB_ROUTES, type TabRoute } from '../types/pages'

/** Absolute URL of a subpackage page, for Taro.navigateTo. */
export function subpackageUrl<K extends keyof typeof SUBPACKAGES>(
  pkg: K,
  page: keyof (typeof SUBPACKAGES)[K]['pages'],
  query?: Record<string, string>
): string {
  const path = `/${subpackagePage(pkg, page)}`
  if (!query) return path
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `${path}?${qs}`
}
