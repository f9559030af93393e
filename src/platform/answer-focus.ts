import Taro from '@tarojs/taro'

/**
 * Brings the answer inside the element with `id` into view (at large text it starts below the screen). In WeChat the
 * screen reader follows its own reading order, so there is no focus to move; pageScrollTo with a selector is WeChat's
 * documented way to scroll to a node.
 */
export function revealAnswer(id: string): void {
  void Taro.pageScrollTo({ selector: `#${id}`, duration: 200 }).catch(() => {})
}
