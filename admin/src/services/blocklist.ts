import type { AxiosProgressEvent } from 'axios'
import type { BlocklistEntry, BlocklistPage, BlocklistQuery, EntryStatusRequest, ImportSummary, PutEntryRequest } from '../../../types/lists'
import { http } from './http'

export const listBlocklist = (query: BlocklistQuery) => http.get<BlocklistPage>('/admin/blocklist', { params: query }).then((r) => r.data)
export const putEntry = (body: PutEntryRequest) => http.put<BlocklistEntry>('/admin/blocklist', body).then((r) => r.data)
export const setEntryStatus = (body: EntryStatusRequest) => http.post<BlocklistEntry>('/admin/blocklist/status', body).then((r) => r.data)

/** Sends the file as the body (streamed into the import on the server); `onProgress` gets 0–100 as it uploads. */
export const importBlocklist = (file: File, format: 'csv' | 'jsonl', onProgress: (percent: number) => void) =>
  http.post<ImportSummary>('/admin/blocklist/import', file, {
    params: { format },
    headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
    timeout: 30 * 60_000,
    onUploadProgress: (e: AxiosProgressEvent) => onProgress(e.total ? Math.round((e.loaded / e.total) * 100) : 0)
  }).then((r) => r.data)

/** The export as a file download (fetched with the token, saved by the browser). */
export const exportBlocklist = (format: 'csv' | 'jsonl') =>
  http.get<Blob>('/admin/blocklist/export', { params: { format }, responseType: 'blob', timeout: 30 * 60_000 }).then((r) => r.data)
