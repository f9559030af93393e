import type * as Shared from './answer-focus'

/**
 * Brings the answer inside the element with `id` into view and gives it the focus, so a screen reader reads it and
 * the keyboard goes on from it. The answer is the first focusable node inside (the card has tabIndex -1). The
 * browser's own scrollIntoView: Taro's H5 pageScrollTo measures offsetTop, which is relative to the nearest positioned
 * ancestor, not the page.
 */
export const revealAnswer: typeof Shared.revealAnswer = (id) => {
  // Taro keeps pages it left in the DOM, hidden (a tab page may be there twice): the one on screen has a layout box.
  const box = Array.from(document.querySelectorAll<HTMLElement>(`[id="${id}"]`)).find((el) => el.offsetParent !== null)
  const target = box?.querySelector<HTMLElement>('[tabindex="-1"]') ?? box
  target?.scrollIntoView({ block: 'start' })
  // Focus without scrolling again: a tall card would be scrolled to its middle.
  target?.focus({ preventScroll: true })
}
