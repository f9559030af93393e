import { screen } from '@testing-library/react'
import SearchPage from '../src/pages/search'
import * as search from '../src/services/search'
import { renderConsole } from './render'

jest.setTimeout(60_000)
jest.mock('../src/services/search')
const api = search as jest.Mocked<typeof search>

test('查号码 shows the parts the server answered for this role, masked, with a link to each warning', async () => {
  api.searchPhone.mockResolvedValue({
    query: '137****0081',
    warnings: [{ id: '9', phoneMasked: '137****0081', riskType: 'call', status: 'open', receivedAt: '2026-12-07T01:00:00.000Z', townshipName: '城关镇' }],
    residents: [{ name: '刘**', phoneMasked: '137****0081', townshipName: '城关镇', villageName: '东关社区', registeredAt: null }],
    reports: null,
    blocklist: null
  })
  renderConsole(<SearchPage />, '/search?q=13700000081')
  expect(await screen.findByText('预警（1）')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /137\*\*\*\*0081 · 冒充来电|137\*\*\*\*0081/ })).toHaveAttribute('href', '/warnings/9')
  expect(screen.getByText(/刘\*\* · 137\*\*\*\*0081 · 城关镇 东关社区/)).toBeInTheDocument()
  expect(screen.queryByText(/群众举报/)).toBeNull()
  expect(screen.queryByText(/黑名单/)).toBeNull()
  expect(api.searchPhone).toHaveBeenCalledWith('13700000081')
})
