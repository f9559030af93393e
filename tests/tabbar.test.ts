import { installAccessibleTabBar } from '../src/platform/tabbar'

// Taro's H5 tab bar as it renders it: a link per tab, the unread badge before the label, the current one by class.
function tabBar(): HTMLElement {
  document.body.innerHTML = `<div class="weui-tabbar">${['查号码', '预警', '学反诈', '我的']
    .map(
      (t, i) =>
        `<a href="javascript:;" class="weui-tabbar__item${i === 0 ? ' weui-bar__item_on' : ''}"><span><img src="x.png" alt="" class="weui-tabbar__icon">${i === 1 ? '<span class="weui-badge taro-tabbar-badge">1</span>' : ''}</span><p class="weui-tabbar__label">${t}</p></a>`
    )
    .join('')}</div>`
  return document.querySelector('.weui-tabbar') as HTMLElement
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

test('the tab bar is a named navigation; a tab is named by its label then its unread count, and the current one says so', async () => {
  const bar = tabBar()
  const stop = installAccessibleTabBar()
  const items = () => Array.from(bar.querySelectorAll('a'))
  expect(bar.getAttribute('role')).toBe('navigation')
  // The name a screen reader computes from the content: the badge hidden, the count after the label.
  const spoken = (a: Element) =>
    Array.from(a.querySelectorAll('.weui-tabbar__label, .tabbar-unread'))
      .map((n) => n.textContent)
      .join('')
  expect(items().map(spoken)).toEqual(['查号码', '预警，1条未读', '学反诈', '我的'])
  expect(items().every((a) => !a.hasAttribute('aria-label'))).toBe(true)
  expect(items().map((a) => a.getAttribute('aria-current'))).toEqual(['page', null, null, null])
  expect(bar.querySelector('.taro-tabbar-badge')?.getAttribute('aria-hidden')).toBe('true')

  // Taro redraws: the selection moves and the badge goes.
  items()[0].classList.remove('weui-bar__item_on')
  items()[1].classList.add('weui-bar__item_on')
  bar.querySelector('.taro-tabbar-badge')?.remove()
  await flush()
  expect(items().map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page', null, null])
  expect(spoken(items()[1])).toBe('预警')
  stop()
})
