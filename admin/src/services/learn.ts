import type { AxiosProgressEvent } from 'axios'
import type {
  AdminTip,
  AdminVideo,
  FraudType,
  FraudTypeInput,
  FraudTypeList,
  MediaFile,
  TipInput,
  TipPatch,
  VideoInput,
  VideoPatch
} from '../../../types/learn'
import { http } from './http'

export const getFraudTypes = () => http.get<FraudTypeList>('/fraud-types').then((r) => r.data.items)
export const saveFraudType = (code: string, body: FraudTypeInput) => http.put<FraudType>(`/admin/fraud-types/${code}`, body).then((r) => r.data)

export const listTips = () => http.get<{ items: AdminTip[] }>('/admin/tips').then((r) => r.data.items)
export const createTip = (body: TipInput) => http.post<AdminTip>('/admin/tips', body).then((r) => r.data)
export const updateTip = (id: string, patch: TipPatch) => http.patch<AdminTip>(`/admin/tips/${id}`, patch).then((r) => r.data)
export const setTipPublished = (id: string, published: boolean) =>
  http.post<AdminTip>(`/admin/tips/${id}/${published ? 'publish' : 'unpublish'}`).then((r) => r.data)

export const listVideos = () => http.get<{ items: AdminVideo[] }>('/admin/videos').then((r) => r.data.items)
export const createVideo = (body: VideoInput) => http.post<AdminVideo>('/admin/videos', body).then((r) => r.data)
export const updateVideo = (id: string, patch: VideoPatch) => http.patch<AdminVideo>(`/admin/videos/${id}`, patch).then((r) => r.data)
export const setVideoPublished = (id: string, published: boolean) =>
  http.post<AdminVideo>(`/admin/videos/${id}/${published ? 'publish' : 'unpublish'}`).then((r) => r.data)

/** One file as multipart field "file"; `onProgress` gets 0–100 while it uploads. */
export function uploadMedia(file: File, onProgress: (percent: number) => void): Promise<MediaFile> {
  const form = new FormData()
  form.append('file', file)
  return http
    .post<MediaFile>('/admin/media', form, {
      timeout: 10 * 60_000,
      onUploadProgress: (e: AxiosProgressEvent) => onProgress(e.total ? Math.round((e.loaded / e.total) * 100) : 0)
    })
    .then((r) => r.data)
}
export type { FraudType }
