/**
 * In the mini-program the root font size is set by <page-meta root-font-size> (SystemFontSize renders it; each page's
 * config has enablePageMeta), so there is nothing to do here.
 */
export function setRootFontScale(_scale: number | null): void {}
