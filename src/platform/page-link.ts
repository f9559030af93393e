/** A link to the page on screen that the resident can paste to family; the mini-program shares through WeChat instead. */
export function currentPageLink(): string | null {
  return null
}
