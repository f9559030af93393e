import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { ARTIFACTS, useAppSession, CHECK_FIELD } from './harness.ts'

const app = useAppSession()

async function check(number: string): Promise<{ label: string; text: string }> {
  const input = app.page.locator(CHECK_FIELD)
  await input.fill(number)
  await app.page.getByText('查一查', { exact: true }).click()
  const card = app.page.locator('.verdict-card')
  await card.waitFor()
  // The card for this number (not the previous one): its number line shows what we typed or its E.164.
  await app.page.waitForFunction(() => document.querySelector('.check-box__go[loading]') === null)
  await app.page.waitForTimeout(50)
  return { label: (await card.locator('.verdict-card__label').innerText()).trim(), text: await card.innerText() }
}

test('a resident checks a "00" number and a blocklisted number on the H5 check page', async () => {
  await app.page.goto(`${app.server.url}/#/pages/check/index`)
  await app.page.locator(CHECK_FIELD).waitFor()

  const intl = await check('0085298765432')
  assert.equal(intl.label, '可疑')
  assert.match(intl.text, /境外来电/)
  assert.match(intl.text, /\+852 9876 5432/)

  const blocked = await check('16500001111')
  assert.equal(blocked.label, '高危')
  assert.match(blocked.text, /反诈黑名单（刷单返利）/)
  assert.match(blocked.text, /拨打 96110/)

  await app.page.screenshot({ path: path.join(ARTIFACTS, 'check-page.png'), fullPage: true })

  // Both checks are listed among the recent ones, newest first.
  const recent = await app.page.locator('.recent__item').allInnerTexts()
  assert.match(recent[0], /16500001111[\s\S]*高危/)
  assert.match(recent[1], /0085298765432[\s\S]*可疑/)
})

test("bad input shows the server's Chinese message, and the report link opens its page", async () => {
  await app.page.goto(`${app.server.url}/#/pages/check/index`)
  // In 号码 mode words without a number are refused with the phone check's own message.
  await app.page.getByRole('radio', { name: '号码' }).click()
  const input = app.page.locator(CHECK_FIELD)
  await input.fill('没有号码')
  await app.page.getByText('查一查', { exact: true }).click()
  await assert.doesNotReject(app.page.getByRole('alert').filter({ hasText: '没有找到电话号码' }).waitFor({ timeout: 5_000 }))

  await check('+86 95588')
  await app.page.getByText('举报这个号码').click()
  await app.page.locator('.report-page').waitFor()
  assert.match(app.page.url(), /packages\/report\/pages\/index\/index\?value=/)
  assert.match(await app.page.locator('.report-page').innerText(), /\+86 95588/)
})

test('a resident pastes the 建设银行 phishing SMS: 高危, 冒充中国建设银行, and ccb-yz.top marked in the message', async () => {
  const message = '【建设银行】95533温馨提示：您的账户存在异常，将于今日冻结，请登录 ccb-yz.top 完成验证，逾期不处理将影响使用。'
  await app.page.goto(`${app.server.url}/#/pages/check/index`)
  await app.page.reload()
  // The page opens on 全部: nothing to choose first.
  assert.equal(await app.page.getByRole('radio', { name: '全部' }).getAttribute('aria-checked'), 'true')
  await app.page.locator(CHECK_FIELD).fill(message)
  await app.page.getByText('查一查', { exact: true }).click()
  const card = app.page.getByRole('region', { name: '查询结果：高危' })
  await card.waitFor()
  assert.match(await card.innerText(), /冒充中国建设银行/)
  assert.doesNotMatch(await card.innerText(), /已核实/)
  // The link is marked in the message, and a screen reader hears what the mark means.
  const mark = card.locator('[role="mark"]')
  assert.equal(await mark.count(), 1)
  assert.equal(await mark.textContent(), '高危网址：⚠ccb-yz.top')
  // Seen on screen: the link underlined (not colour alone); the meaning's words take 1 px, for screen readers only.
  assert.ok(((await mark.locator('.sr-only').boundingBox())?.width ?? 99) <= 1)
  assert.match(await mark.evaluate((el) => getComputedStyle(el).textDecorationLine), /underline/)
  assert.match(await card.innerText(), /不是建设银行的官方网址（官方：ccb\.com）/)
  await app.page.screenshot({ path: path.join(ARTIFACTS, 'check-message.png'), fullPage: true })
  // The message's text is not kept on the phone; its parts are.
  const recent = await app.page.locator('.recent__item').allInnerTexts()
  assert.match(recent[0], /ccb-yz\.top[\s\S]*高危/)
  assert.ok(recent.every((r) => !r.includes('温馨提示')))
})
