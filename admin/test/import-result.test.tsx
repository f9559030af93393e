import { render, screen, within } from '@testing-library/react'
import type { ImportSummary } from '../../types/lists'
import { ImportResult, rejectedLinesCsv } from '../src/pages/blocklist/ImportResult'

const FILE = [
  'kind,value,category,source,note,expires_at',
  'phone,17012345678,刷单返利,city,,',
  'phone,abc,刷单返利,city,,',
  'url,https://ok.example/,虚假投资理财,city,,',
  'account,=cmd|calc,刷单返利,city,,'
].join('\r\n')
const SUMMARY: ImportSummary = {
  added: 2,
  updated: 0,
  unchanged: 0,
  rejected: 2,
  rejections: [
    { line: 3, reason: '号码无法识别' },
    { line: 5, reason: '账户格式不对' }
  ]
}

test('counts and every rejected line with its number and reason', () => {
  render(<ImportResult summary={SUMMARY} fileName="feed.csv" fileText={FILE} />)
  const result = screen.getByTestId('import-result')
  expect(within(result).getByRole('status')).toHaveTextContent('导入完成，有 2 行未导入')
  expect(screen.getByTestId('import-added')).toHaveTextContent('2')
  expect(screen.getByTestId('import-rejected')).toHaveTextContent('2')
  const table = within(result)
    .getAllByRole('table')
    .find((t) => t.textContent?.includes('行号')) as HTMLElement
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent)
  expect(rows).toEqual(['3号码无法识别', '5账户格式不对'])
  expect(screen.getByRole('button', { name: '下载未导入的行' })).toBeInTheDocument()
})

test('the download holds line number, reason and the line as sent, with formula-looking cells defused', () => {
  const csv = rejectedLinesCsv(SUMMARY, '\uFEFF' + FILE)
  expect(csv.startsWith('\uFEFF行号,原因,原文\r\n')).toBe(true)
  expect(csv).toContain('3,号码无法识别,"phone,abc,刷单返利,city,,"\r\n')
  expect(csv).toContain('5,账户格式不对,"account,=cmd|calc,刷单返利,city,,"\r\n')
  // Without the file's text (too large to read back) the numbers and reasons still come.
  expect(rejectedLinesCsv(SUMMARY, null)).toContain('3,号码无法识别,\r\n')
})

test('a clean import says so and offers no download', () => {
  render(<ImportResult summary={{ added: 0, updated: 1, unchanged: 5, rejected: 0, rejections: [] }} fileName="feed.jsonl" fileText={null} />)
  expect(screen.getByRole('status')).toHaveTextContent('导入完成，全部导入')
  expect(screen.queryByRole('button', { name: '下载未导入的行' })).toBeNull()
})

test('a GBK file and an Excel workbook say how they were read', () => {
  const { unmount } = render(<ImportResult summary={{ ...SUMMARY, encoding: 'gb18030' }} fileName="excel.csv" fileText={null} />)
  expect(screen.getByText(/已按 GBK 读取/)).toBeInTheDocument()
  unmount()
  render(<ImportResult summary={{ ...SUMMARY, encoding: 'xlsx' }} fileName="名单.xlsx" fileText={null} />)
  expect(screen.getByText(/行号即表格里的行号/)).toBeInTheDocument()
  expect(screen.queryByText(/GBK/)).toBeNull()
})

test('an expiry typed as a day shows as that day, not as the next midnight', () => {
  const { expiryLabel } = jest.requireActual('../src/lib/labels') as typeof import('../src/lib/labels')
  expect(expiryLabel('2027-06-30T16:00:00.000Z')).toBe('2027-06-30')
  expect(expiryLabel('2027-06-30T10:30:00.000Z')).toBe('2027/6/30 18:30:00')
})

test('a CSV Excel saved as GBK is read as GBK in the browser; UTF-8 loses its BOM', async () => {
  const { readTextFile } = jest.requireActual('../src/lib/csv') as typeof import('../src/lib/csv')
  // '类型,号码,冒充客服' in GBK.
  const gbk = Uint8Array.from(Buffer.from('c0e0d0cd2cbac5c2eb2cc3b0b3e4bfcdb7fe', 'hex'))
  const blob = (bytes: Uint8Array) => ({ arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }) as Blob
  expect(await readTextFile(blob(gbk))).toEqual({ text: '类型,号码,冒充客服', encoding: 'gb18030' })
  expect(await readTextFile(blob(Uint8Array.from(Buffer.from('\uFEFF类型,号码', 'utf8'))))).toEqual({ text: '类型,号码', encoding: 'utf-8' })
})

test('a stored mobile reads as the clerk would write it; other values as stored', () => {
  const { readableValue } = jest.requireActual('../src/lib/labels') as typeof import('../src/lib/labels')
  expect(readableValue('phone', '+8617012345678')).toBe('170 1234 5678')
  expect(readableValue('phone', '+8695533')).toBe('+8695533')
  expect(readableValue('url', 'icbc-verify.top')).toBe('icbc-verify.top')
})
