import type * as Shared from './root-font'

/** In H5 the browser's own font size drives rem; the 大字 preference scales the root on top of it. */
export const setRootFontScale: typeof Shared.setRootFontScale = (scale) => {
  document.documentElement.style.fontSize = scale === null ? '' : `${scale * 100}%`
}
