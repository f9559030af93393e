import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { networkChanges, respondWith } from './mocks/taro'
import OfflineCheckPage from '../src/packages/offline/pages/check/index'
import { useCheckStore } from '../src/stores/check'
import { checkResult } from './fixtures'

const mocked = Taro as unknown as Record<string, jest.Mock>

beforeEach(() => {
  jest.clearAllMocks()
  useCheckStore.getState().reset()
})

const offlineWith = (input: string, kind: 'any' | 'phone' = 'any') => useCheckStore.setState({ kind, input, status: 'offline' })

test('a call from abroad is judged on the phone, marked as offline, with what was and was not checked', () => {
  offlineWith('0085263338888')
  render(<OfflineCheckPage />)
  expect(screen.getByText('可疑', { selector: '.verdict-card__label' })).toBeInTheDocument()
  expect(screen.getByText('离线判断，联网后会再确认')).toBeInTheDocument()
  expect(screen.getByText(/这是境外来电（中国香港特别行政区）/)).toBeInTheDocument()
  expect(screen.getByRole('region', { name: '查询结果：可疑（离线判断，联网后会再确认）' })).toBeInTheDocument()
  expect(screen.getByText(/县反诈中心的黑名单、核实名单和居民举报都没有查/)).toBeInTheDocument()
})

test('a spoofed bank number is 高危 offline too', () => {
  offlineWith('+86 95588', 'phone')
  render(<OfflineCheckPage />)
  expect(screen.getByText('高危', { selector: '.verdict-card__label' })).toBeInTheDocument()
  expect(screen.getByText(/伪装成银行、客服或政府热线/)).toBeInTheDocument()
})

test('a number the rules find nothing in is not called safe, nor "no risk on record"', () => {
  offlineWith('13812345678')
  render(<OfflineCheckPage />)
  expect(screen.getByText('未能确认', { selector: '.verdict-card__label' })).toBeInTheDocument()
  expect(screen.getByText('没有网络，县反诈中心的名单没有查')).toBeInTheDocument()
  expect(screen.queryByText('已核实')).toBeNull()
  expect(screen.queryByText('暂无风险记录')).toBeNull()
})

test('a whole message is judged offline: the phishing link of a claimed bank is 高危', () => {
  offlineWith('【建设银行】您的账户异常，请登录 ccb-yz.top 验证')
  render(<OfflineCheckPage />)
  expect(screen.getByText('高危', { selector: '.verdict-card__label' })).toBeInTheDocument()
  expect(screen.getByText('离线判断，联网后会再确认')).toBeInTheDocument()
})

test('重试 asks the server; its answer replaces the offline one (back on the 查号码 tab)', async () => {
  offlineWith('13812345678')
  render(<OfflineCheckPage />)
  respondWith(() => 'network-error')
  fireEvent.click(screen.getByText('重试'))
  await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '还是连不上网络，请稍后再试' })))
  expect(mocked.navigateBack).not.toHaveBeenCalled()

  respondWith(() => ({ statusCode: 200, body: checkResult('unknown', { input: '13812345678' }) }))
  fireEvent.click(screen.getByText('重试'))
  await waitFor(() => expect(mocked.navigateBack).toHaveBeenCalled())
  expect(useCheckStore.getState().status).toBe('done')
})

test('when the network returns, the answer is confirmed without a tap', async () => {
  offlineWith('0085263338888')
  render(<OfflineCheckPage />)
  respondWith(() => ({ statusCode: 200, body: checkResult('suspicious', { input: '0085263338888' }) }))
  act(() => networkChanges(true))
  await waitFor(() => expect(mocked.navigateBack).toHaveBeenCalled())
})
