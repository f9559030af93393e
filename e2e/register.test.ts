import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { ARTIFACTS, smsCodeFor, useAppSession } from './harness.ts'

const app = useAppSession()

/** The birth date's 年 / 月 / 日 lists. */
async function pickDate(iso: string): Promise<void> {
  const [y, m, d] = iso.split('-')
  await app.page.locator('select[aria-label="出生日期：年"]').selectOption(y as string)
  await app.page.locator('select[aria-label="出生日期：月"]').selectOption(String(Number(m)))
  await app.page.locator('select[aria-label="出生日期：日"]').selectOption(String(Number(d)))
}

test('a resident registers in the browser with an SMS code, sees 我的 with the masked phone, then deletes the account', async () => {
  await app.page.goto(`${app.server.url}/#/pages/mine/index`)
  await app.page.getByText('登记 / 登录', { exact: true }).click()

  // Privacy first: nothing personal is asked before consent.
  await app.page.getByText('守好钱袋子隐私政策').first().waitFor()
  assert.equal(await app.page.locator('.sms-login').count(), 0)
  await app.page.getByText('同意并继续', { exact: true }).click()

  const phoneInput = app.page.locator('.sms-login .form-input input').first()
  await phoneInput.waitFor()
  // A wrong phone is refused inline, in Chinese, before anything is sent.
  await phoneInput.fill('1380013')
  await app.page.getByText('获取验证码', { exact: true }).click()
  await app.page.getByRole('alert').filter({ hasText: '请输入11位手机号' }).waitFor()

  await phoneInput.fill('13700137001')
  await app.page.getByText('获取验证码', { exact: true }).click()
  await app.page.getByText(/秒后重发/).waitFor()
  const code = await smsCodeFor(app.server, '137****7001')
  const codeInput = app.page.locator('.sms-login__code input')
  // A wrong code first: the server's message lands under the code field.
  await codeInput.fill(code === '000000' ? '111111' : '000000')
  await app.page.getByText('登录', { exact: true }).click()
  await app.page.getByRole('alert').filter({ hasText: '验证码不正确，还可以再试4次' }).waitFor()
  await codeInput.fill(code)
  await app.page.getByText('登录', { exact: true }).click()

  // Step two: the profile form.
  await app.page.getByText('第二步：填写登记信息').waitFor()
  assert.match(await app.page.locator('.register-page').innerText(), /137\*\*\*\*7001（已验证）/)
  await app.page.locator('.profile-form .form-input input').first().fill('张秀兰')
  // Under 16 cannot register: the year list starts at 16 years back, so a child's year is not even offered.
  const years = await app.page.locator('select[aria-label="出生日期：年"] option').allInnerTexts()
  assert.equal(years[1], `${new Date().getFullYear() - 16}年`)
  assert.ok(!years.includes(`${new Date().getFullYear() - 11}年`))
  await app.page.locator('select[aria-label="所在乡镇"]').selectOption({ label: '城关镇' })
  await app.page.locator('select[aria-label="所在村（社区）"]').selectOption({ label: '东关社区' })
  await pickDate('1970-05-17')
  await app.page.getByText('提交登记', { exact: true }).click()

  // Back on 我的: the profile with the masked phone.
  await app.page.getByText('我的登记信息').waitFor()
  const mine = await app.page.locator('.mine-page').innerText()
  assert.match(mine, /张秀兰/)
  assert.match(mine, /137\*\*\*\*7001/)
  assert.match(mine, /城关镇 东关社区/)
  assert.doesNotMatch(mine, /13700137001/)
  // Let the page transition finish before the picture.
  await app.page.waitForTimeout(800)
  await app.page.screenshot({ path: path.join(ARTIFACTS, 'mine-registered.png'), fullPage: true })

  // Taro's H5 storage wraps each value as {"data": …}; the session store keeps JSON text inside.
  const stored = await app.page.evaluate(() => localStorage.getItem('qiandai.session') ?? '{}')
  const session = JSON.parse((JSON.parse(stored) as { data: string }).data) as { state?: { tokens?: { accessToken: string } } }
  const accessToken = session.state?.tokens?.accessToken
  assert.ok(accessToken)
  const me = await fetch(`${app.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  assert.equal(me.status, 200)

  // Delete, with a confirmation.
  await app.page.getByText('注销账号', { exact: true }).click()
  await app.page.getByText('确定注销账号吗？').waitFor()
  await app.page.getByText('确定注销', { exact: true }).click()
  await app.page.getByText('登记 / 登录', { exact: true }).waitFor()
  assert.doesNotMatch(await app.page.locator('.mine-page').innerText(), /张秀兰/)
  const after = await fetch(`${app.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  assert.equal(after.status, 401)
})
