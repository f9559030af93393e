import Taro from '@tarojs/taro'
import type * as Shared from './answer-focus'

/**
 * Brings the answer inside the element with `id` into view and gives it the focus, so a screen reader reads it and
 * the keyboard goes on from it. The answer is the first focusable node inside (the card has tabIndex -1).
 */
export const revealAnswer: typeof Shared.revealAnswer = (id) => {
  // Taro.pageScrollTo (the same call as in WeChat) scrolls to the node's offsetTop.
  void Taro.pageScrollTo({ selector: `#${id}`, duration: 0 }).catch(() => {})
  const target = document.getElementById(id)?.querySelector<HTMLElement>('[tabindex="-1"]')
  // Focus without scrolling again: a tall card would be scrolled to its middle.
  target?.focus({ preventScroll: true })
}
