import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { ACTION_NAMES, changeRows, TargetText } from '../src/pages/audit/wording'

const AREAS = new Map([['610923100', '城关镇']])

test('what changed reads in Chinese: field names, roles, townships, yes/no — unchanged fields left out', () => {
  expect(changeRows({ role: 'editor', townshipCode: null, disabled: false }, { role: 'officer', townshipCode: '610923100', disabled: false }, AREAS)).toEqual([
    { field: '角色', before: '编辑', after: '派出所民警' },
    { field: '乡镇', before: '—', after: '城关镇' }
  ])
  expect(changeRows(null, { ip: '203.0.113.7', reason: 'password' }, AREAS)).toEqual([
    { field: '地址', before: '—', after: '203.0.113.7' },
    { field: '原因', before: '—', after: '密码错误' }
  ])
  expect(changeRows(null, { reason: '上门前核对身份', fields: ['phone', 'name'] }, AREAS)[1]).toEqual({
    field: '查看的内容',
    before: '—',
    after: '手机号、姓名'
  })
})

test('targets by name, a warning as a link; every action the server writes has a Chinese name', () => {
  render(
    <MemoryRouter>
      <span>
        <TargetText target="warning:42" />
      </span>
      <span>
        <TargetText target="admin:lijianjun" />
      </span>
      <span>
        <TargetText target="file:xlsx" />
      </span>
    </MemoryRouter>
  )
  expect(screen.getByRole('link', { name: '预警 #42' })).toHaveAttribute('href', '/warnings/42')
  expect(screen.getByText('账号 lijianjun')).toBeInTheDocument()
  expect(screen.getByText('文件（Excel）')).toBeInTheDocument()
  for (const action of [
    'login.ok',
    'login.failed',
    'warnings.reveal',
    'warnings.close',
    'warnings.add',
    'bulletin.publish',
    'blocklist.export',
    'account.change_password',
    'cases.upsert',
    'grid.appoint'
  ]) {
    expect(ACTION_NAMES[action]).toMatch(/[\u4e00-\u9fff]/)
  }
})
