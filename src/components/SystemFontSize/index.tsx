import { PageMeta } from '@tarojs/components'

/**
 * Makes rem follow the resident's system font size. The mini-program needs <page-meta root-font-size="system">;
 * in H5 the browser's own font size already drives rem (and Taro's H5 has no PageMeta).
 */
export function SystemFontSize() {
  return process.env.TARO_ENV === 'weapp' ? <PageMeta rootFontSize='system' /> : null
}
