// A shift's walk through the console (issue 26): the city feed sends warnings with no township; the operator places
// the person before sending the station, then goes home and the admin takes the call over (转派); an unplaced visit
// heads the board until the centre assigns it; the officer sees the operator's note and the loss; the case is
// registered and the month goes out as an Excel report.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { api, ARTIFACTS, consoleSignIn, seriousA11yViolations, useAppSession } from './harness.ts'

const app = useAppSession({ WARN_UNREACHABLE_RETRY_MINUTES: '0', ADMIN_LOGIN_RATE_LIMIT_MAX: '100' })
const DEMO_FEED_KEY = 'qdf_demo-city-platform-not-for-production'

async function feed(lines: Record<string, unknown>[]): Promise<string[]> {
  const res = await fetch(`${app.server.url}/api/v1/feeds/warnings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_FEED_KEY}`, 'content-type': 'application/x-ndjson' },
    body: lines.map((l) => JSON.stringify(l)).join('\n')
  })
  const fed = (await res.json()) as { created: number; lines: Array<{ id: string }> }
  assert.equal(fed.created, lines.length)
  return fed.lines.map((l) => l.id)
}

const consoleAs = (page: Page, username: string, password: string, url: string, heading: string, width = 1366) =>
  consoleSignIn(page, app.server, { username, password }, url, heading, width)

/** antd's Select: open it by its label and pick the option. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click()
}

test('a shift: place the person, hand the call on, assign the unplaced visit, the officer reads the hand-over, the month goes out as Excel', async () => {
  const [first, second] = await feed([
    {
      ref: 'duty-e2e-1',
      phone: '13500135031',
      riskType: 'transfer',
      riskLevel: 'high',
      evidence: { kind: 'account', value: '6222020200112233445', amount: 50_000 }
    },
    { ref: 'duty-e2e-2', phone: '13500135032', riskType: 'call', riskLevel: 'high' }
  ])
  const desk = app.page

  // The operator takes the 50,000 transfer first: nobody knows where this person lives.
  await consoleAs(desk, 'operator', 'qiandai-demo-operator', '/calls', '电话预警')
  await desk.getByRole('button', { name: '领取下一个' }).click()
  await desk.getByRole('link', { name: '拨打 13500135031' }).waitFor()
  await desk.getByText(/当事人所在乡镇未知/).waitFor()
  // 转派出所上门 with nowhere to send it is refused, saying what to do.
  await desk.getByLabel('劝阻成功').check()
  await desk.getByLabel('转派出所上门').check()
  await desk.getByRole('button', { name: '记录结果' }).click()
  await desk.getByText(/转派出所上门前，请先在任务卡上填写当事人所在的乡镇/).waitFor()
  assert.deepEqual(await seriousA11yViolations(desk), [])
  await desk.screenshot({ path: path.join(ARTIFACTS, 'duty-call-unplaced.png'), fullPage: true })
  // Asked on the phone: 城关镇. Saved from the card.
  await choose(desk, '所在乡镇', '城关镇')
  await desk.getByRole('button', { name: '保存所在地' }).click()
  await desk.getByText(/当事人所在乡镇未知/).waitFor({ state: 'detached' })
  // The result typed, then the operator goes home without recording it.
  await desk.getByLabel('已被骗').check()
  await desk.getByLabel('被骗金额（元）').fill('12000')
  await desk.getByLabel('情况说明（选填）').fill('已通过手机银行转出两笔')

  // The admin hands the call to himself (转派): the operator's card is gone, the admin holds it with a new code.
  const admin = await desk.context().newPage()
  await consoleAs(admin, 'admin', 'qiandai-demo-admin', '/calls', '电话预警')
  const row = admin.getByRole('row', { name: /135\*\*\*\*5031/ })
  await row.getByText('李建军 处理中').waitFor()
  await row.getByRole('button', { name: '转派电话任务 135****5031' }).click()
  await choose(admin, '转派给', '陈国华（县公安局反诈中心，手上 0 个任务）')
  await admin
    .getByRole('dialog', { name: '转派电话任务 135****5031' })
    .getByRole('button', { name: /转\s?派/ })
    .click()
  await admin.getByRole('link', { name: '拨打 13500135031' }).waitFor()
  await admin.getByLabel('已被骗').check()
  await admin.getByLabel('被骗金额（元）').fill('12000')
  await admin.getByLabel('情况说明（选填）').fill('已通过手机银行转出两笔，冻结中')
  await admin.getByRole('button', { name: '记录结果' }).click()
  await admin.getByRole('link', { name: '拨打 13500135031' }).waitFor({ state: 'detached' })

  // The second number: nobody answers, twice — the station is sent automatically, to nowhere yet.
  for (let attempt = 0; attempt < 2; attempt++) {
    await admin
      .getByRole('row', { name: /135\*\*\*\*5032/ })
      .getByRole('button', { name: '领取', exact: true })
      .click()
    await admin.getByRole('link', { name: '拨打 13500135032' }).waitFor()
    await admin.getByLabel('无法接通').check()
    await admin.getByRole('button', { name: '记录结果' }).click()
    await admin.getByRole('link', { name: '拨打 13500135032' }).waitFor({ state: 'detached' })
  }

  // It heads the board until the centre assigns it.
  await admin.goto(`${app.server.url}/admin/warnings`)
  const unplaced = admin.getByRole('region', { name: '待指派派出所的上门任务' })
  await unplaced
    .getByText(/135\*\*\*\*5032/)
    .first()
    .waitFor()
  assert.deepEqual(await seriousA11yViolations(admin), [])
  await admin.screenshot({ path: path.join(ARTIFACTS, 'duty-board-unplaced.png'), fullPage: true })
  await unplaced.getByRole('button', { name: '指派派出所：135****5032' }).click()
  await choose(admin, '所在乡镇', '城关镇')
  await admin.getByRole('dialog').getByRole('button', { name: '保存所在地' }).click()
  await unplaced.waitFor({ state: 'detached' })

  // The 城关镇 officer, on a phone: both visits; the transfer's card carries the loss and the hand-over note.
  const officer = await desk.context().newPage()
  await consoleAs(officer, 'officer-chengguan', 'qiandai-demo-officer', '/visits', '上门劝阻', 375)
  const queue = officer.getByLabel('上门劝阻队列（可左右滚动）')
  await queue.getByText('135****5031').waitFor()
  await queue.getByText('135****5032').waitFor()
  await officer
    .getByRole('row', { name: /135\*\*\*\*5031/ })
    .getByRole('button', { name: '领取', exact: true })
    .click()
  await officer.getByRole('link', { name: '拨打 13500135031' }).waitFor()
  await officer.getByText(/已记录被骗金额：12,000/).waitFor()
  await officer.getByText('电话：已被骗，被骗 12,000 元。已通过手机银行转出两笔，冻结中').waitFor()
  assert.deepEqual(await seriousA11yViolations(officer), [])
  await officer.screenshot({ path: path.join(ARTIFACTS, 'duty-visit-handover.png'), fullPage: true })
  await officer.getByLabel('已被骗').check()
  await officer.getByLabel('被骗金额（元）').fill('12000')
  await officer.getByRole('button', { name: '记录结果' }).click()
  await officer.getByRole('link', { name: '拨打 13500135031' }).waitFor({ state: 'detached' })

  // The case is registered; the month goes out as an Excel workbook whose townships add up.
  const token = (await api<{ accessToken: string }>(app.server, 'POST', '/admin/login', { username: 'admin', password: 'qiandai-demo-admin' })).accessToken
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  await api(
    app.server,
    'POST',
    '/admin/cases',
    { caseNo: 'E2E-DUTY-1', filedOn: today, townshipCode: '610923100', fraudType: '刷单返利', lossAmount: 12_000, warningId: first },
    token
  )
  await admin.goto(`${app.server.url}/admin/figures`)
  await admin.getByRole('heading', { name: '无诈统计', level: 1 }).waitFor()
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: /^导出.+（Excel）$/ }).click()])
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer)
  const towns = book.getWorksheet('各乡镇')!
  const total = towns.getRow(towns.rowCount)
  assert.equal(total.getCell(1).value, '合计')
  let sum = 0
  for (let r = 2; r < towns.rowCount; r++) sum += Number(towns.getRow(r).getCell(2).value)
  assert.equal(sum, Number(total.getCell(2).value))
  const warnings = book.getWorksheet('预警')!
  const ids: string[] = []
  for (let r = 2; r <= warnings.rowCount; r++) ids.push(String(warnings.getRow(r).getCell(1).value))
  assert.ok(ids.includes(first!) && ids.includes(second!), 'both warnings of the shift are in the report')
  assert.ok(
    book
      .getWorksheet('案件')!
      .getSheetValues()
      .some((r) => Array.isArray(r) && r.includes('E2E-DUTY-1'))
  )
  assert.deepEqual(await seriousA11yViolations(admin), [])

  // The timeline tells the shift: placed, handed on, the loss.
  await admin.goto(`${app.server.url}/admin/warnings/${first}`)
  await admin.getByText('填写所在地：城关镇').waitFor()
  await admin.getByText('电话任务转派：李建军 → 陈国华').waitFor()
  await officer.close()
  await admin.close()
})
