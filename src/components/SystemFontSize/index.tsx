import { PageMeta } from '@tarojs/components'
import { useEffect } from 'react'
import { setRootFontScale } from '../../platform/root-font'
import { useSession } from '../../stores/session'

/** One step larger than the system size, for residents who chose 大字 in 我的. */
export const LARGE_SCALE = 1.25

/**
 * Makes rem follow the resident's system font size, and the 大字 preference on top of it. The mini-program needs
 * <page-meta root-font-size> (and `enablePageMeta: true` in every page's config, or Taro leaves it out of the page);
 * in H5 the browser's own font size drives rem and the preference scales the root.
 */
export function SystemFontSize() {
  const fontSize = useSession((s) => s.fontSize)
  useEffect(() => {
    setRootFontScale(fontSize === 'large' ? LARGE_SCALE : null)
  }, [fontSize])
  if (process.env.TARO_ENV !== 'weapp') return null
  // 'system' follows the WeChat font setting; 'large' fixes a size one step above WeChat's default (16px).
  return <PageMeta rootFontSize={fontSize === 'large' ? `${16 * LARGE_SCALE}px` : 'system'} />
}
