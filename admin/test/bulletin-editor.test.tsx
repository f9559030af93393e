import { useState } from 'react'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { BlockEditor } from '../src/pages/bulletins/BlockEditor'
import { BulletinPreview } from '../src/pages/bulletins/BulletinPreview'
import { emptyDraft, inputOf, type BulletinDraft } from '../src/pages/bulletins/draft'

const NAMES = new Map([
  ['610923100', '城关镇'],
  ['610923101', '四亩地镇']
])

function Harness({ initial }: { initial?: Partial<BulletinDraft> }) {
  const [draft, setDraft] = useState<BulletinDraft>({ ...emptyDraft('2026-11-23', '2026-11-29'), ...initial })
  return (
    <>
      <BlockEditor value={draft.body} onChange={(body) => setDraft({ ...draft, body })} />
      <BulletinPreview draft={draft} names={NAMES} />
      <output data-testid="json">{JSON.stringify(inputOf(draft).body)}</output>
    </>
  )
}

const preview = () => screen.getByTestId('bulletin-preview')
const body = () => JSON.parse(screen.getByTestId('json').textContent as string)
const type = (label: string, value: string, index = 0) => fireEvent.change(screen.getAllByLabelText(label)[index], { target: { value } })

test('typed blocks: a paragraph, a case and tips show in the preview in order, worded as the mini-program words them', () => {
  render(<Harness />)
  type('正文', '近期有人冒充社保局来电。')
  fireEvent.click(screen.getByRole('button', { name: '添加案例' }))
  type('诈骗类型', '冒充公检法')
  type('联系渠道', '电话')
  fireEvent.change(screen.getByLabelText('损失金额（元，可不填）'), { target: { value: '38000' } })
  type('经过', '对方自称民警，要求转账到“安全账户”。')
  fireEvent.click(screen.getByRole('button', { name: '添加防范提示' }))
  type('提示条目', '挂断电话\n\n拨打96110核实')

  const text = preview().textContent as string
  expect(text).toContain('预警信息')
  expect(text).toContain('统计时段：11月23日至11月29日')
  expect(text).toContain('案例')
  expect(text).toContain('渠道：电话')
  expect(text).toContain('损失：3.8万元')
  expect(text).toContain('1. 挂断电话')
  expect(text).toContain('2. 拨打96110核实')
  expect(text.indexOf('近期有人冒充社保局来电')).toBeLessThan(text.indexOf('案例'))
  expect(text.indexOf('案例')).toBeLessThan(text.indexOf('1. 挂断电话'))
  expect(body()).toEqual([
    { type: 'paragraph', text: '近期有人冒充社保局来电。' },
    { type: 'case', fraudType: '冒充公检法', channel: '电话', lossAmount: 38000, story: '对方自称民警，要求转账到“安全账户”。' },
    { type: 'tips', items: ['挂断电话', '拨打96110核实'] }
  ])
})

test('blocks move up and down and are removed; the only block cannot be removed; empty optional fields are left out', () => {
  render(<Harness />)
  type('正文', '第一段')
  fireEvent.click(screen.getByRole('button', { name: '添加表格' }))
  type('表格标题（可不填）', '本周案件')
  type('表格标题（可不填）', '')
  type('列名', '类型, 起数')
  type('数据', '刷单返利，3\n冒充客服\t2')
  expect(body()[1]).toEqual({
    type: 'table',
    columns: ['类型', '起数'],
    rows: [
      ['刷单返利', '3'],
      ['冒充客服', '2']
    ]
  })
  const table = within(preview()).getByRole('table')
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((c) => c.textContent)
  ).toEqual(['类型', '起数'])

  fireEvent.click(screen.getByRole('button', { name: '第2块上移' }))
  expect(body().map((b: { type: string }) => b.type)).toEqual(['table', 'paragraph'])
  expect(screen.getByRole('button', { name: '第1块上移' })).toBeDisabled()
  fireEvent.click(screen.getByRole('button', { name: '删除第1块' }))
  expect(body()).toEqual([{ type: 'paragraph', text: '第一段' }])
  expect(screen.getByRole('button', { name: '删除第1块' })).toBeDisabled()
})

test('the preview states the audience and marks urgent bulletins as residents see them', () => {
  const { rerender } = render(
    <BulletinPreview
      draft={{ ...emptyDraft('2026-12-28', '2027-01-03'), title: '紧急提醒', severity: 'urgent', audience: ['610923101', '610923100'], tags: ['刷单返利'] }}
      names={NAMES}
    />
  )
  expect(screen.getByText('推送范围：四亩地镇、城关镇')).toBeInTheDocument()
  expect(within(preview()).getByText('紧急')).toBeInTheDocument()
  expect(preview()).toHaveTextContent('统计时段：2026年12月28日至2027年1月3日')
  rerender(<BulletinPreview draft={{ ...emptyDraft('2026-11-23', '2026-11-29'), title: '常规', hotline: '' }} year={2026} issueNo={12} names={NAMES} />)
  expect(screen.getByText('推送范围：全县')).toBeInTheDocument()
  expect(within(preview()).queryByText('紧急')).toBeNull()
  expect(preview()).toHaveTextContent('2026年第12期')
  expect(screen.getByText('拨打 96110 反诈专线')).toBeInTheDocument()
})

test('Enter makes a new line in 提示条目 and 表格数据: three tips typed line by line stay three; each table row keeps its cells', () => {
  render(<Harness />)
  fireEvent.click(screen.getByRole('button', { name: '添加防范提示' }))
  const tips = screen.getByLabelText('提示条目')
  // Typed as a clerk types: a line, Enter, the next line.
  for (const step of ['不要转账', '不要转账\n', '不要转账\n不要点链接', '不要转账\n不要点链接\n', '不要转账\n不要点链接\n不要透露验证码']) {
    fireEvent.change(tips, { target: { value: step } })
    expect(tips).toHaveValue(step)
  }
  expect(body().find((b: { type: string }) => b.type === 'tips').items).toEqual(['不要转账', '不要点链接', '不要透露验证码'])

  fireEvent.click(screen.getByRole('button', { name: '添加表格' }))
  type('列名', '类型，起数，损失')
  const rows = screen.getByLabelText('数据')
  for (const step of ['刷单返利，3，12000', '刷单返利，3，12000\n', '刷单返利，3，12000\n冒充客服，2，5000']) {
    fireEvent.change(rows, { target: { value: step } })
    expect(rows).toHaveValue(step)
  }
  expect(body().find((b: { type: string }) => b.type === 'table').rows).toEqual([
    ['刷单返利', '3', '12000'],
    ['冒充客服', '2', '5000']
  ])
})
