import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'
import { api, ARTIFACTS, placeSession, seriousA11yViolations, smsCodeFor, useAppSession, weChatResident, CHECK_FIELD } from './harness.ts'

// The resident app for every resident (issue 14): axe-core on every page, the pages at 150 % and 200 % text, and the
// main journeys with the keyboard alone.

const CCB_MESSAGE = '【建设银行】95533温馨提示：您的账户存在异常，将于今日冻结，请登录 ccb-yz.top 完成验证，逾期不处理将影响使用。'
const app = useAppSession()

const ROOT_SIZE: Record<number, string> = { 100: '', 150: '24px', 200: '32px' }

/**
 * The browser's text size: the app sizes everything in rem, so a larger default font is a larger root font (what
 * Chromium's own text-size setting changes).
 */
async function textSize(page: Page, percent: 150 | 200 | 100): Promise<void> {
  await page.evaluate((size) => {
    const doc = (
      globalThis as unknown as {
        document: {
          getElementById(id: string): { remove(): void } | null
          createElement(t: string): { id: string; textContent: string }
          head: { appendChild(n: unknown): void }
        }
      }
    ).document
    doc.getElementById('e2e-text-size')?.remove()
    if (!size) return
    const style = doc.createElement('style')
    style.id = 'e2e-text-size'
    style.textContent = `html { font-size: ${size} !important; }`
    doc.head.appendChild(style)
  }, ROOT_SIZE[percent])
}

/** Boxes whose content is wider than they are (clipped or spilling), and whether the page itself scrolls sideways. */
async function overflow(page: Page): Promise<{ page: boolean; boxes: string[] }> {
  return page.evaluate(() => {
    type El = {
      className: unknown
      tagName: string
      scrollWidth: number
      clientWidth: number
      textContent: string | null
      closest(s: string): unknown
      getBoundingClientRect(): { width: number; right: number }
    }
    const g = globalThis as unknown as {
      document: { scrollingElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<El> }
      innerWidth: number
      getComputedStyle(e: El): { overflowX: string; display: string }
    }
    const boxes: string[] = []
    for (const el of Array.from(
      g.document.querySelectorAll(
        '.taro_page:not([style*="display: none"]) taro-view-core, .taro_page:not([style*="display: none"]) taro-text-core, .taro_page:not([style*="display: none"]) taro-button-core'
      )
    )) {
      const style = g.getComputedStyle(el)
      if (style.display === 'none' || style.display === 'inline' || el.closest('taro-scroll-view-core') || el.closest('.sr-only')) continue
      // Sideways-scrolling rows are meant to be wider than their box.
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue
      if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0)
        boxes.push(
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}: ${el.scrollWidth}>${el.clientWidth} "${(el.textContent ?? '').slice(0, 20)}"`
        )
      if (el.getBoundingClientRect().right > g.innerWidth + 2)
        boxes.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}: past the right edge "${(el.textContent ?? '').slice(0, 20)}"`)
    }
    return { page: g.document.scrollingElement.scrollWidth > g.innerWidth + 2, boxes }
  })
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(400)
}

async function open(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(`${app.server.url}/#/${hash}`)
  try {
    // Taro keeps pages it left in the DOM, hidden: wait for the one on screen.
    await page.locator(`${ready}:visible`).first().waitFor()
  } catch (err) {
    await page.screenshot({ path: path.join(ARTIFACTS, `not-ready-${ready.replace(/\W+/g, '_')}.png`), fullPage: true })
    throw err
  }
  await settle(page)
}

async function registeredResident(phone: string): Promise<void> {
  // Through the WeChat stand-in: the SMS sender allows one code a minute per address, and the keyboard pass needs one.
  const tokens = await weChatResident(app.server, `a11y-${phone}`, phone, '610923100', '610923100001', false)
  await placeSession(app.page, app.server, tokens, PRIVACY_POLICY_VERSION)
  await app.page.reload()
}

/** A fresh start: nothing stored on the device (no session, no consent), the app loaded anew. */
async function forget(page: Page): Promise<void> {
  if (!page.url().startsWith(app.server.url)) await page.goto(`${app.server.url}/#/pages/check/index`)
  await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear())
  await page.reload()
}

test('axe-core finds nothing serious or critical on any page of the app, signed out and signed in', async () => {
  const page = app.page
  const bulletin = (await api<{ items: { id: string }[] }>(app.server, 'GET', '/bulletins')).items[0]
  const tip = (await api<{ items: { id: string }[] }>(app.server, 'GET', '/tips')).items[0]
  const video = (await api<{ items: { id: string }[] }>(app.server, 'GET', '/videos')).items[0]
  assert.ok(bulletin && tip && video, 'demo content')
  const pages: Array<[string, string, string]> = [
    ['check', 'pages/check/index', CHECK_FIELD],
    ['bulletins', 'pages/bulletins/index', '.bulletin-item'],
    ['bulletin', `packages/bulletins/pages/detail/index?id=${bulletin.id}`, '.bulletin-detail__title'],
    ['learn', 'pages/learn/index', '.tip-item'],
    ['tip', `packages/learn/pages/tip/index?id=${tip.id}`, '.tip-page__title'],
    ['video', `packages/learn/pages/video/index?id=${video.id}`, '.video-page__title'],
    ['mine', 'pages/mine/index', '.mine-page'],
    ['privacy', 'packages/account/pages/privacy/index?next=register', '.privacy-page__title'],
    ['report (signed out)', 'packages/report/pages/index/index?value=16500001111', '.report-page'],
    ['verify (signed out)', 'packages/warnings/pages/verify/index', '.verify-page']
  ]
  const findings: string[] = []
  for (const [name, hash, ready] of pages) {
    await open(page, hash, ready)
    for (const v of await seriousA11yViolations(page)) findings.push(`${name}: ${v}`)
  }
  // Registration's first step (after the privacy page), too.
  await open(page, 'packages/account/pages/privacy/index?next=register', '.privacy-page__title')
  await page.getByText('同意并继续', { exact: true }).click()
  await page.locator('.sms-login:visible').waitFor()
  await settle(page)
  for (const v of await seriousA11yViolations(page)) findings.push(`register: ${v}`)
  await forget(page)
  // The answer card, too.
  await open(page, 'pages/check/index', CHECK_FIELD)
  await page.locator(CHECK_FIELD).fill('16500001111')
  await page.getByText('查一查', { exact: true }).click()
  await page.locator('.verdict-card').waitFor()
  for (const v of await seriousA11yViolations(page)) findings.push(`check result: ${v}`)
  // A whole message's answer: the message with its parts marked.
  await page.locator(CHECK_FIELD).fill(CCB_MESSAGE)
  await page.getByText('查一查', { exact: true }).click()
  await page.locator('.verdict-card .msg-part').first().waitFor()
  for (const v of await seriousA11yViolations(page)) findings.push(`message result: ${v}`)

  await registeredResident('13700137101')
  for (const [name, hash, ready] of [
    ['mine (registered)', 'pages/mine/index', '.mine-page'],
    ['report form', 'packages/report/pages/index/index?value=16500001111', '.report-page'],
    ['my data', 'packages/account/pages/my-data/index', '.my-data__title'],
    ['edit', 'packages/account/pages/edit/index', '.profile-form'],
    ['verify', 'packages/warnings/pages/verify/index', '.verify-page'],
    ['family', 'packages/family/pages/index/index', '.family-page__member, .family-page__title'],
    ['代登记', 'packages/account/pages/proxy/index', '.profile-form'],
    ['grid (not appointed)', 'packages/grid/pages/index/index', '.grid-page__text']
  ] as const) {
    await open(page, hash, ready)
    for (const v of await seriousA11yViolations(page)) findings.push(`${name}: ${v}`)
  }
  assert.deepEqual(findings, [])
  await forget(page)
})

test('at 150 % and 200 % text nothing is clipped or spills, and the answer is in view after 查一查', async () => {
  const page = app.page
  const bulletin = (await api<{ items: { id: string }[] }>(app.server, 'GET', '/bulletins')).items[0] as { id: string }
  const problems: string[] = []
  for (const size of [150, 200] as const) {
    for (const [name, hash, ready] of [
      ['check', 'pages/check/index', CHECK_FIELD],
      ['bulletins', 'pages/bulletins/index', '.bulletin-item'],
      ['bulletin', `packages/bulletins/pages/detail/index?id=${bulletin.id}`, '.bulletin-detail__title'],
      ['learn', 'pages/learn/index', '.tip-item'],
      ['mine', 'pages/mine/index', '.mine-page'],
      ['family', 'packages/family/pages/index/index', '.family-page'],
      ['report', 'packages/report/pages/index/index?value=16500001111', '.report-page']
    ] as const) {
      await open(page, hash, ready)
      await textSize(page, size)
      await page.waitForTimeout(200)
      const o = await overflow(page)
      if (o.page) problems.push(`${name} @${size}%: the page scrolls sideways`)
      for (const b of o.boxes) problems.push(`${name} @${size}%: ${b}`)
      await page.screenshot({ path: path.join(ARTIFACTS, `large-text-${name}-${size}.png`), fullPage: true })
    }

    // The tab bar's labels grow with the text and stay whole on screen.
    const tab = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { getBoundingClientRect(): { bottom: number } } | null }
        innerHeight: number
        getComputedStyle(e: unknown): { fontSize: string }
      }
      const label = g.document.querySelector('.weui-tabbar__label')
      return label ? { bottom: label.getBoundingClientRect().bottom, height: g.innerHeight, font: parseFloat(g.getComputedStyle(label).fontSize) } : null
    })
    assert.ok(tab && tab.bottom <= tab.height && tab.font >= (size === 150 ? 21 : 28), `@${size}%: tab bar label ${JSON.stringify(tab)}`)

    // The main action: 查一查 brings the answer into view at this size.
    await open(page, 'pages/check/index', CHECK_FIELD)
    await textSize(page, size)
    await page.locator(`${CHECK_FIELD}:visible`).fill('16500001111')
    await page.locator('.check-box__go:visible').click()
    const card = page.locator('.verdict-card:visible')
    await card.waitFor()
    await page.waitForTimeout(800)
    const box = await card.boundingBox()
    const viewport = page.viewportSize() as { height: number }
    assert.ok(box && box.y >= -1 && box.y < viewport.height * 0.5, `@${size}%: the answer starts at ${box?.y} of ${viewport.height}`)
    assert.equal(
      await page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className.includes('verdict-card')
      ),
      true,
      'the answer has the focus (announced)'
    )
    await page.screenshot({ path: path.join(ARTIFACTS, `large-text-result-${size}.png`) })
    // A whole message's answer holds too: a long message wraps inside the card, nothing runs off the side.
    await page.locator(`${CHECK_FIELD}:visible`).fill(CCB_MESSAGE)
    await page.locator('.check-box__go:visible').click()
    await page.locator('.verdict-card:visible .msg-part').first().waitFor()
    await page.waitForTimeout(300)
    const m = await overflow(page)
    if (m.page) problems.push(`message result @${size}%: the page scrolls sideways`)
    for (const b of m.boxes) problems.push(`message result @${size}%: ${b}`)
    await page.screenshot({ path: path.join(ARTIFACTS, `large-text-message-${size}.png`), fullPage: true })

    // Registration: the SMS code box keeps room for six digits.
    await open(page, 'packages/account/pages/privacy/index?next=register', '.privacy-page__title')
    // Taro may keep an earlier privacy page in the DOM (hidden, or still on its way out after a jump by address):
    // press the newest one on screen.
    await page.locator('#agree-privacy:visible').last().click()
    await page.locator('.sms-login__code input:visible').last().waitFor()
    await textSize(page, size)
    await page.waitForTimeout(200)
    const codeWidth = (await page.locator('.sms-login__code:visible').last().boundingBox())?.width ?? 0
    const fontPx = size === 150 ? 24 : 32
    assert.ok(codeWidth >= 6 * fontPx * 0.6, `@${size}%: the code box is ${codeWidth} px wide`)
    const o = await overflow(page)
    for (const b of o.boxes) problems.push(`register @${size}%: ${b}`)
    await page.screenshot({ path: path.join(ARTIFACTS, `large-text-register-${size}.png`), fullPage: true })
    await forget(page)
  }
  await textSize(page, 100)
  assert.deepEqual(problems, [])
})

/** The element that has the focus: its class and text, to steer by. */
interface Focused {
  cls: string
  text: string
  tag: string
  placeholder: string
  type: string
}
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: { activeElement: { className: unknown; textContent: string | null; tagName: string; getAttribute(n: string): string | null } | null }
      }
    ).document.activeElement
    return {
      cls: String(el?.className ?? ''),
      text: (el?.textContent ?? '').trim().slice(0, 40),
      tag: el?.tagName.toLowerCase() ?? '',
      placeholder: el?.getAttribute('placeholder') ?? '',
      type: el?.getAttribute('type') ?? ''
    }
  })
}

/** Presses Tab until `match` holds for the focused element (at most `max` times). */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (match(await focused(page))) return
  }
  assert.fail(`Tab never reached ${what}`)
}

test('with the keyboard alone: check a number, open a bulletin, register', async (t) => {
  const page = app.page
  await forget(page)
  t.after(() =>
    page.screenshot({ path: path.join(ARTIFACTS, 'keyboard-last.png'), fullPage: true }).then(
      () => {},
      () => {}
    )
  )
  await open(page, 'pages/check/index', CHECK_FIELD)
  await tabTo(page, (f) => f.placeholder === '粘贴整条短信、聊天，或输入号码、网址', 'the check box')
  await page.keyboard.type('0085298765432')
  await tabTo(page, (f) => f.text === '查一查', '查一查')
  await page.keyboard.press('Enter')
  await page.locator('.verdict-card').waitFor()
  assert.match(await page.locator('.verdict-card__label').innerText(), /可疑/)
  // An example, with Space.
  await tabTo(page, (f) => f.cls.includes('check-box__example'), 'an example', 60)
  await page.keyboard.press(' ')
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector(
        '.check-box__input input, .check-box__input textarea'
      )?.value !== '0085298765432'
  )
  // Its answer takes the focus when it arrives; from there, on to 清空.
  await page.waitForFunction(() =>
    String((globalThis as unknown as { document: { activeElement: { className: unknown } | null } }).document.activeElement?.className ?? '').includes(
      'verdict-card'
    )
  )

  // 清空 asks in a dialog the keyboard can answer: the focus starts on 不清空, Tab reaches 清空.
  await tabTo(page, (f) => f.text === '清空', '清空', 80)
  await page.keyboard.press('Enter')
  await page.locator('[role="alertdialog"]:visible').waitFor()
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent === '不清空'
  )
  await page.keyboard.press('Tab')
  assert.equal((await focused(page)).text, '清空')
  await page.keyboard.press('Enter')
  await page.locator('.recent__empty:visible').waitFor()

  await open(page, 'pages/bulletins/index', '.bulletin-item')
  await tabTo(page, (f) => f.cls.includes('bulletin-item'), 'a bulletin')
  await page.keyboard.press('Enter')
  await page.locator('.bulletin-detail__title').waitFor()
  // 返回 is reachable too.
  await tabTo(page, (f) => f.text.includes('返回'), '返回')
  await page.keyboard.press('Enter')
  await page.locator('.bulletin-item').first().waitFor()

  // Register: privacy, SMS login, the form (native select and date input), all from the keyboard.
  await open(page, 'packages/account/pages/register/index', '.privacy-page__title')
  await tabTo(page, (f) => f.text === '同意并继续', '同意并继续', 80)
  await page.keyboard.press('Enter')
  await page.locator('.sms-login').waitFor()
  await tabTo(page, (f) => f.placeholder === '请输入手机号', 'the phone box')
  await page.keyboard.type('13700137102')
  await tabTo(page, (f) => f.text === '获取验证码', '获取验证码')
  await page.keyboard.press('Enter')
  await page.getByText(/秒后重发/).waitFor()
  const tokensCode = await smsCodeFor(app.server, '137****7102')
  await tabTo(page, (f) => f.placeholder === '6位数字', 'the code box')
  await page.keyboard.type(tokensCode)
  await tabTo(page, (f) => f.text === '登录', '登录')
  await page.keyboard.press('Enter')
  await page.getByText('第二步：填写登记信息').waitFor()
  await tabTo(page, (f) => f.placeholder === '请输入真实姓名', 'the name box')
  await page.keyboard.type('王秀英')
  // 年 / 月 / 日 lists: typing picks an option by its text, as on any list.
  await tabTo(page, (f) => f.tag === 'select', 'the birth year')
  await page.keyboard.type('1962')
  await page.keyboard.press('Tab')
  await page.keyboard.type('4')
  await page.keyboard.press('Tab')
  await page.keyboard.type('18')
  await tabTo(page, (f) => f.tag === 'select', 'the township')
  await page.keyboard.press('ArrowDown')
  await tabTo(page, (f) => f.tag === 'select', 'the village')
  await page.keyboard.press('ArrowDown')
  await tabTo(page, (f) => f.text === '提交登记', '提交登记')
  await page.keyboard.press('Enter')
  await page.getByText('我的登记信息').waitFor()
  assert.match(await page.locator('.mine-page').innerText(), /王秀英/)
})

/** One real field on screen: the accessible name Chromium computes for it, its label, and its box against the box drawn. */
interface FieldFacts {
  label: string
  placeholder: string
  name: string
  field: Box
  drawn: Box
  border: Box
  fieldFont: number
  drawnFont: number
}
interface Box {
  width: number
  height: number
}

/**
 * Every real <input>/<textarea> on the page on screen, read as a screen reader and a thumb meet it: the name from
 * Chromium's accessibility tree (CDP), the visible label (its form row's, else the heading or button it belongs to),
 * and the real element's box and font size against the box drawn around it (Taro's wrapper, which has the border).
 */
async function fieldsOnScreen(page: Page): Promise<FieldFacts[]> {
  const facts = await page.evaluate(() => {
    type El = {
      tagName: string
      parentElement: El | null
      closest(s: string): El | null
      querySelector(s: string): El | null
      getAttribute(n: string): string | null
      setAttribute(n: string, v: string): void
      textContent: string | null
      getBoundingClientRect(): { width: number; height: number }
    }
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El> }
      getComputedStyle(e: El): Record<'fontSize' | 'borderTopWidth' | 'borderBottomWidth' | 'borderLeftWidth' | 'borderRightWidth', string>
    }
    const out: Array<{ label: string; placeholder: string; field: Box; drawn: Box; border: Box; fieldFont: number; drawnFont: number }> = []
    const all = Array.from(g.document.querySelectorAll('.taro_page:not([style*="display: none"]) :is(input, textarea)'))
    all.forEach((el, i) => {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || el.getAttribute('type') === 'hidden') return
      el.setAttribute('data-e2e-field', String(i))
      const drawn = el.parentElement as El
      const row = el.closest('.form-field')
      const label = row?.querySelector('.form-field__label')?.textContent ?? el.closest('.check-box')?.querySelector('.check-box__title')?.textContent ?? ''
      const d = drawn.getBoundingClientRect()
      const ds = g.getComputedStyle(drawn)
      const border = {
        width: parseFloat(ds.borderLeftWidth) + parseFloat(ds.borderRightWidth),
        height: parseFloat(ds.borderTopWidth) + parseFloat(ds.borderBottomWidth)
      }
      out.push({
        label: label.trim(),
        placeholder: el.getAttribute('placeholder') ?? '',
        field: { width: box.width, height: box.height },
        drawn: { width: d.width, height: d.height },
        border,
        fieldFont: parseFloat(g.getComputedStyle(el).fontSize),
        drawnFont: parseFloat(g.getComputedStyle(drawn).fontSize)
      })
    })
    return out
  })
  const cdp = await page.context().newCDPSession(page)
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } }
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-e2e-field]' })) as { nodeIds: number[] }
    const names: string[] = []
    for (const nodeId of nodeIds) {
      const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as { nodes: Array<{ name?: { value?: string } }> }
      names.push(String(nodes[0]?.name?.value ?? ''))
    }
    await page.evaluate(() => {
      for (const el of Array.from(
        (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ removeAttribute(n: string): void }> } }).document.querySelectorAll(
          '[data-e2e-field]'
        )
      ))
        el.removeAttribute('data-e2e-field')
    })
    return facts.map((f, i) => ({ ...f, name: names[i] ?? '' }))
  } finally {
    await cdp.detach()
  }
}

test('every field is named by its visible label and is as big as it is drawn, at 100 %, 150 % and 200 % text', async () => {
  const page = app.page
  await forget(page)
  const problems: string[] = []
  const measure = async (where: string, size: 100 | 150 | 200, expected: number) => {
    const fields = await fieldsOnScreen(page)
    if (fields.length !== expected) problems.push(`${where}: ${fields.length} fields on screen, expected ${expected}`)
    for (const f of fields) {
      const id = `${where} @${size}% "${f.label || f.placeholder}"`
      // The name a screen reader announces is the label the eye reads (never the placeholder's example).
      if (!f.label) problems.push(`${id}: no visible label`)
      else if (f.name !== f.label) problems.push(`${id}: announced as "${f.name}"`)
      // A tap anywhere inside the border focuses the field: it covers the box but for the border.
      if (f.field.height < f.drawn.height - f.border.height - 1 || f.field.width < f.drawn.width - f.border.width - 1)
        problems.push(
          `${id}: the field is ${Math.round(f.field.width)}×${Math.round(f.field.height)} in a ${Math.round(f.drawn.width)}×${Math.round(f.drawn.height)} box`
        )
      // Its text is the size the box is drawn for, which follows the text size.
      if (Math.abs(f.fieldFont - f.drawnFont) > 0.5 || f.fieldFont < (18 * size) / 100)
        problems.push(`${id}: text ${f.fieldFont}px in a box drawn for ${f.drawnFont}px`)
    }
  }
  const pages: Array<{ where: string; hash: string; ready: string; fields: number; signedIn: boolean; then?: () => Promise<void> }> = [
    { where: 'check', hash: 'pages/check/index', ready: CHECK_FIELD, fields: 1, signedIn: false },
    {
      where: 'sign-in',
      hash: 'packages/account/pages/privacy/index?next=register',
      ready: '.privacy-page__title',
      fields: 2,
      signedIn: false,
      then: async () => {
        await page.locator('#agree-privacy:visible').last().click()
        await page.locator('.sms-login__code input:visible').last().waitFor()
      }
    },
    // 我的 loads the resident's profile, which 修改登记 starts from.
    { where: 'mine', hash: 'pages/mine/index', ready: '.mine-page', fields: 0, signedIn: true },
    { where: 'report', hash: 'packages/report/pages/index/index?value=16500001111', ready: '.report-page', fields: 2, signedIn: true },
    { where: 'verify', hash: 'packages/warnings/pages/verify/index', ready: '.verify-page', fields: 2, signedIn: true },
    { where: 'edit', hash: 'packages/account/pages/edit/index', ready: '.profile-form', fields: 1, signedIn: true },
    { where: 'family', hash: 'packages/family/pages/index/index', ready: '.family-page__title', fields: 1, signedIn: true }
  ]
  for (const signedIn of [false, true]) {
    if (signedIn) await registeredResident('13700137103')
    for (const p of pages.filter((x) => x.signedIn === signedIn)) {
      for (const size of [100, 150, 200] as const) {
        await open(page, p.hash, p.ready)
        await p.then?.()
        await textSize(page, size)
        await page.waitForTimeout(150)
        await measure(p.where, size, p.fields)
      }
    }
  }
  await textSize(page, 100)
  await forget(page)
  assert.deepEqual(problems, [])
})

/** Where numbers, tags and short labels are shown (the classes app.scss keeps whole). */
const WHOLE = [
  '.tag',
  '.app-button',
  '.segmented__item',
  '.info-row__label',
  '.info-row__value',
  '.verdict-card__label',
  '.verdict-card__number',
  '.recent__number',
  '.form-field__label',
  '.bulletin-item__issue',
  '.bulletin-item__when',
  '.bulletin-item__period',
  '.report-page__value'
]

/**
 * Numbers, tags and short labels broken inside ("可/疑", "已提/交", "1650000111/1", "第8/期"): each of at most 12
 * characters with no break point of its own (a space, a zero-width space, punctuation inside it) must sit on one line.
 */
async function brokenShortTexts(page: Page): Promise<string[]> {
  const selector = WHOLE.map((c) => `.taro_page:not([style*="display: none"]) ${c}`).join(', ')
  return page.evaluate((selector) => {
    type El = { children: { length: number }; textContent: string | null; firstChild: unknown; closest(s: string): unknown; className: unknown }
    const g = globalThis as unknown as {
      document: {
        querySelectorAll(s: string): ArrayLike<El>
        createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<{ top: number; height: number; width: number }> }
      }
      getComputedStyle(e: El): { display: string; visibility: string }
    }
    const found: string[] = []
    for (const el of Array.from(g.document.querySelectorAll(selector))) {
      if (el.closest('.sr-only')) continue
      const text = (el.textContent ?? '').trim()
      if (text === '' || [...text].length > 12 || /[\s\u200b]|[，。；：！？、（）/](?!$)/.test(text)) continue
      const style = g.getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      const range = g.document.createRange()
      range.selectNodeContents(el)
      // Distinct line tops of the text's boxes: more than one is a break inside it.
      const tops = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top))
      )
      if (tops.size > 1) found.push(`${String(el.className).split(' ')[0] || 'text'} "${text}" on ${tops.size} lines`)
    }
    return found
  }, selector)
}

test('at 360 px and 200 % text numbers, tags and short labels never break inside, and nothing runs past the edge', async () => {
  const page = app.page
  await page.setViewportSize({ width: 360, height: 740 })
  const problems: string[] = []
  const look = async (where: string) => {
    await textSize(page, 200)
    await page.waitForTimeout(250)
    for (const b of await brokenShortTexts(page)) problems.push(`${where}: ${b}`)
    const o = await overflow(page)
    if (o.page) problems.push(`${where}: the page scrolls sideways`)
    for (const b of o.boxes) problems.push(`${where}: ${b}`)
    await page.screenshot({ path: path.join(ARTIFACTS, `narrow-200-${where}.png`), fullPage: true })
  }
  try {
    await forget(page)
    await open(page, 'pages/check/index', CHECK_FIELD)
    await page.locator(`${CHECK_FIELD}:visible`).fill('16500001111')
    await page.locator('.check-box__go:visible').click()
    await page.locator('.verdict-card:visible').waitFor()
    await look('check-result')
    await open(page, 'pages/bulletins/index', '.bulletin-item')
    await look('bulletins')
    await registeredResident('13700137104')
    // A report of their own, so 我的举报 has an entry.
    await open(page, 'packages/report/pages/index/index?value=16500001111', '.report-page')
    await look('report')
    for (const [where, hash, ready] of [
      ['mine', 'pages/mine/index', '.mine-page'],
      ['my-data', 'packages/account/pages/my-data/index', '.my-data__title'],
      ['verify', 'packages/warnings/pages/verify/index', '.verify-page'],
      ['family', 'packages/family/pages/index/index', '.family-page__title']
    ] as const) {
      await open(page, hash, ready)
      await look(where)
    }
  } finally {
    await textSize(page, 100)
    await page.setViewportSize({ width: 390, height: 844 })
    await forget(page)
  }
  assert.deepEqual(problems, [])
})
