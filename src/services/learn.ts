import type { FraudTypeList, TipDetail, TipPage, Video, VideoList } from '../../types/learn'
import { parseWebVtt, type Cue } from '../../types/webvtt'
import { http } from './http'

/** GET /fraud-types */
export async function getFraudTypes(): Promise<FraudTypeList> {
  return (await http.get<FraudTypeList>('/fraud-types')).data
}

/** GET /tips — by type and words, ranked, 10 a page. */
export async function getTips(query: { type?: string; q?: string; cursor?: string }): Promise<TipPage> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))
  return (await http.get<TipPage>('/tips', { params })).data
}

/** GET /tips/:id */
export async function getTip(id: string): Promise<TipDetail> {
  return (await http.get<TipDetail>(`/tips/${encodeURIComponent(id)}`)).data
}

/** PUT /me/tips/:id/learned */
export async function setTipLearned(id: string, learned: boolean): Promise<TipDetail> {
  return (await http.put<TipDetail>(`/me/tips/${encodeURIComponent(id)}/learned`, { learned })).data
}

/** GET /videos */
export async function getVideos(): Promise<VideoList> {
  return (await http.get<VideoList>('/videos')).data
}

/** GET /videos/:id (counts a view) */
export async function getVideo(id: string): Promise<Video> {
  return (await http.get<Video>(`/videos/${encodeURIComponent(id)}`)).data
}

/** PUT /me/videos/:id/progress */
export async function saveVideoProgress(id: string, positionSeconds: number, completed = false): Promise<Video> {
  return (await http.put<Video>(`/me/videos/${encodeURIComponent(id)}/progress`, { positionSeconds, completed })).data
}

/** Media URLs are site paths: in the mini-program they need the API's host in front. */
export function mediaSrc(url: string): string {
  return url.startsWith('/') ? `${API_BASE_URL.replace(/\/api\/v1\/?$/, '')}${url}` : url
}

/** GET /media/….vtt — a video's captions, read with the same WebVTT reader the server checked them with. */
export async function getCaptions(url: string): Promise<Cue[]> {
  // A media path, not an API one: no base URL; the body is text.
  const res = await http.get<string>(mediaSrc(url), { baseURL: '', responseType: 'text', transformResponse: (data: unknown) => data })
  return parseWebVtt(String(res.data))
}
