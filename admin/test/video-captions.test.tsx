import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { VideosTab } from '../src/pages/content/VideosTab'
import * as learn from '../src/services/learn'
import { ApiError } from '../src/services/http'
import type { AdminVideo } from '../../types/learn'
import { renderConsole, signInAs } from './render'

jest.setTimeout(60_000)
jest.mock('../src/services/learn')
const api = learn as jest.Mocked<typeof learn>

const VIDEO: AdminVideo = {
  id: '7',
  title: '公检法不会电话办案',
  fraudType: { code: 'gongjianfa', name: '冒充公检法' },
  durationSeconds: 15,
  coverUrl: '/media/c.jpg',
  videoUrl: '/media/v.mp4',
  captionsUrl: null,
  summary: '公检法不会通过电话办案。',
  viewCount: 3,
  progressSeconds: null,
  status: 'published'
}

beforeEach(() => {
  signInAs('editor')
  api.listVideos.mockResolvedValue([VIDEO])
  api.getFraudTypes.mockResolvedValue([{ code: 'gongjianfa', name: '冒充公检法', description: 'x', signs: ['x'] }])
  api.updateVideo.mockImplementation(async (_id, input) => ({ ...VIDEO, captionsUrl: input.captions ? `/media/${input.captions}` : null }))
})

test('captions (WebVTT) are uploaded with a video, saved with it, and can be taken off again', async () => {
  api.uploadMedia.mockResolvedValue({ name: 'abc.vtt', url: '/media/abc.vtt', contentType: 'text/vtt; charset=utf-8', size: 120, durationSeconds: null })
  renderConsole(<VideosTab />)
  expect(await screen.findByText('无', {}, { timeout: 20_000 })).toBeInTheDocument()
  fireEvent.click(screen.getByLabelText('编辑《公检法不会电话办案》'))
  const dialog = await screen.findByRole('dialog')
  const picker = within(dialog).getByText('选择字幕')
  // antd's Upload: the hidden file input beside the button.
  const input = picker.closest('.ant-upload')?.querySelector('input[type=file]') as HTMLInputElement
  expect(input.accept).toBe('.vtt,text/vtt')
  fireEvent.change(input, { target: { files: [new File(['WEBVTT\n\n00:00.000 --> 00:02.000\n先挂断\n'], '字幕.vtt', { type: 'text/vtt' })] } })
  expect(await within(dialog).findByText('已上传：字幕.vtt')).toBeInTheDocument()
  fireEvent.click(within(dialog).getByText(/保\s?存/))
  await waitFor(() => expect(api.updateVideo).toHaveBeenCalledWith('7', expect.objectContaining({ captions: 'abc.vtt' })))
})

test('a caption file the server refuses says why, and 不用字幕 removes captions a video has', async () => {
  api.listVideos.mockResolvedValue([{ ...VIDEO, captionsUrl: '/media/old.vtt' }])
  api.uploadMedia.mockRejectedValue(new ApiError(400, 'CAPTIONS_INVALID', '字幕文件有误：第6行应是时间，例如 00:00:01.000 --> 00:00:04.000'))
  renderConsole(<VideosTab />)
  expect(await screen.findByText('有', {}, { timeout: 20_000 })).toBeInTheDocument()
  fireEvent.click(screen.getByLabelText('编辑《公检法不会电话办案》'))
  const dialog = await screen.findByRole('dialog')
  expect(within(dialog).getByText('当前文件：old.vtt')).toBeInTheDocument()
  const input = within(dialog).getByText('选择字幕').closest('.ant-upload')?.querySelector('input[type=file]') as HTMLInputElement
  fireEvent.change(input, { target: { files: [new File(['00:00 x'], 'bad.vtt', { type: 'text/vtt' })] } })
  expect(await within(dialog).findByText(/第6行/)).toHaveAttribute('role', 'alert')
  fireEvent.click(within(dialog).getByText('不用字幕'))
  expect(within(dialog).queryByText('当前文件：old.vtt')).toBeNull()
  fireEvent.click(within(dialog).getByText(/保\s?存/))
  await waitFor(() => expect(api.updateVideo).toHaveBeenCalledWith('7', expect.objectContaining({ captions: null })))
})
