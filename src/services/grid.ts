import type { GridWorkbench, NewPublicitySession, PhotoReceipt, PublicitySession } from '../../types/grid'
import { http } from './http'
import { uploadImage } from './upload'

/** GET /me/grid — my villages' coverage, the visits I am asked to accompany, my publicity sessions */
export async function getGridWorkbench(): Promise<GridWorkbench> {
  return (await http.get<GridWorkbench>('/me/grid')).data
}

/** POST /me/grid/sessions */
export async function addPublicitySession(body: NewPublicitySession): Promise<{ items: PublicitySession[] }> {
  return (await http.post<{ items: PublicitySession[] }>('/me/grid/sessions', body)).data
}

/** POST /me/grid/photos — one photo of a session */
export async function uploadPublicityPhoto(filePath: string): Promise<PhotoReceipt> {
  return uploadImage<PhotoReceipt>('/me/grid/photos', filePath, '照片上传没有成功，请稍后再试')
}
