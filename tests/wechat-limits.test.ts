// WeChat's documented limits on its dialogs, checked over the source: a button text over 4 characters makes
// wx.showModal fail (Taro's H5 enforces the same), and nothing is shown — 我需要帮助 died that way (issue 27).
// https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showModal.html — confirmText/cancelText ≤ 4;
// wx.showActionSheet — itemList ≤ 6; wx.showToast — a title with an icon shows 7 characters.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SRC, sources } from './source-files'

/** Each `Taro.showX({ … })` call's argument text (to its matching brace), with the file and line. */
function calls(api: string): Array<{ where: string; args: string }> {
  const found: Array<{ where: string; args: string }> = []
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    let at = text.indexOf(`Taro.${api}(`)
    while (at !== -1) {
      const open = text.indexOf('{', at)
      let depth = 0
      let end = open
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++
        else if (text[end] === '}' && --depth === 0) break
      }
      found.push({ where: `${path.relative(SRC, file)}:${text.slice(0, at).split('\n').length}`, args: text.slice(open, end + 1) })
      at = text.indexOf(`Taro.${api}(`, end)
    }
  }
  return found
}

const chars = (s: string) => [...s].length

test('every showModal button text is a literal of at most 4 characters', () => {
  const modals = calls('showModal')
  expect(modals.length).toBeGreaterThan(3)
  const problems: string[] = []
  for (const { where, args } of modals) {
    for (const key of ['confirmText', 'cancelText']) {
      const m = new RegExp(`${key}:\\s*(['"\`])(.*?)\\1`).exec(args)
      if (new RegExp(`${key}:`).test(args) && !m) problems.push(`${where}: ${key} is not a plain literal`)
      if (m && chars(m[2] as string) > 4) problems.push(`${where}: ${key} “${m[2]}” has ${chars(m[2] as string)} characters`)
    }
  }
  expect(problems).toEqual([])
})

test('showToast with an icon keeps its title to 7 characters; showActionSheet to 6 items', () => {
  const problems: string[] = []
  for (const { where, args } of calls('showToast')) {
    const icon = /icon:\s*'(\w+)'/.exec(args)?.[1] ?? 'success'
    const title = /title:\s*(['"`])(.*?)\1/.exec(args)?.[2]
    if (icon !== 'none' && title !== undefined && chars(title) > 7) problems.push(`${where}: “${title}” with icon ${icon}`)
  }
  for (const { where, args } of calls('showActionSheet')) {
    const items = /itemList:\s*\[([^\]]*)\]/.exec(args)?.[1]
    if (items && items.split(',').filter((s) => s.trim()).length > 6) problems.push(`${where}: more than 6 items`)
  }
  expect(problems).toEqual([])
})
