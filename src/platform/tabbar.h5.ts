import type * as Shared from './tabbar'

const HIDDEN = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap'

/**
 * Taro's H5 tab bar is four links whose names read "1 预警" (the unread badge first) and none of which says it is the
 * page on screen. This keeps each one read as "预警，1条未读" — the badge hidden from screen readers, the count said
 * after the label in text only they read (the name stays the link's own content, so what is seen is what is said) —
 * and the current one aria-current="page", whenever Taro redraws the bar (a tab switch, a badge set or removed).
 */
export const installAccessibleTabBar: typeof Shared.installAccessibleTabBar = (doc = document) => {
  const enhance = () => {
    const bar = doc.querySelector<HTMLElement>('.weui-tabbar')
    if (!bar) return
    if (bar.getAttribute('role') !== 'navigation') {
      bar.setAttribute('role', 'navigation')
      bar.setAttribute('aria-label', '主菜单')
    }
    for (const item of Array.from(bar.querySelectorAll<HTMLElement>('.weui-tabbar__item'))) {
      const badge = item.querySelector<HTMLElement>('.taro-tabbar-badge')
      const count = badge?.textContent?.trim() ?? ''
      if (badge && badge.getAttribute('aria-hidden') !== 'true') badge.setAttribute('aria-hidden', 'true')
      const spoken = count ? `，${count}条未读` : ''
      let note = item.querySelector<HTMLElement>('.tabbar-unread')
      if (spoken && !note) {
        note = doc.createElement('span')
        note.className = 'tabbar-unread'
        note.setAttribute('style', HIDDEN)
        item.appendChild(note)
      }
      if (note && note.textContent !== spoken) note.textContent = spoken
      const current = item.classList.contains('weui-bar__item_on')
      if (current && item.getAttribute('aria-current') !== 'page') item.setAttribute('aria-current', 'page')
      if (!current && item.hasAttribute('aria-current')) item.removeAttribute('aria-current')
    }
  }
  // Runs again on every redraw; each write is made only when something differs, so its own changes settle at once.
  const observer = new MutationObserver(enhance)
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] })
  enhance()
  return () => observer.disconnect()
}
