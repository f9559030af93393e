import type { AxiosProgressEvent } from 'axios'
import type { BlocklistEntry, BlocklistPage, BlocklistQuery, EntryStatusRequest, ImportSummary, PutEntryRequest } from '../../../types/lists'
import { http } from './http'

export const listBlocklist = (query: BlocklistQuery) => http.get<BlocklistPage>('/admin/blocklist', { params: query }).then((r) => r.data)
export const putEntry = (body: PutEntryRequest) => http.put<BlocklistEntry>('/admin/blocklist', body).then((r) => r.data)
export const setEntryStatus = (body: EntryStatusRequest) => http.post<BlocklistEntry>('/admin/blocklist/status', body).then((r) => r.data)

export type BlocklistFileFormat = 'csv' | 'jsonl' | 'xlsx'
const CONTENT_TYPES: Record<BlocklistFileFormat, string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

/** Sends the file as the body (streamed into the import on the server); `onProgress` gets 0–100 as it uploads. */
export const importBlocklist = (file: File, format: BlocklistFileFormat, onProgress: (percent: number) => void) =>
  http
    .post<ImportSummary>('/admin/blocklist/import', file, {
      params: { format },
      headers: { 'Content-Type': CONTENT_TYPES[format] },
      timeout: 30 * 60_000,
      onUploadProgress: (e: AxiosProgressEvent) => onProgress(e.total ? Math.round((e.loaded / e.total) * 100) : 0)
    })
    .then((r) => r.data)

/** The export as a file download (fetched with the token, saved by the browser). */
export const exportBlocklist = (format: BlocklistFileFormat) =>
  http.get<Blob>('/admin/blocklist/export', { params: { format }, responseType: 'blob', timeout: 30 * 60_000 }).then((r) => r.data)

/** An import template: Chinese headers, example rows, and (Excel) a sheet of notes. */
export const blocklistTemplate = (format: 'csv' | 'xlsx') =>
  http.get<Blob>('/admin/blocklist/template', { params: { format }, responseType: 'blob' }).then((r) => r.data)
