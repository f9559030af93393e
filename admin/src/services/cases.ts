import type { CaseImportResult, CaseInput, CaseList, CaseRecord, PeriodQuery, WarningFigures } from '../../../types/cases'
import { http } from './http'

export const getFigures = (q: PeriodQuery) => http.get<WarningFigures>('/admin/warning-figures', { params: q }).then((r) => r.data)
export const listCases = (q: PeriodQuery) => http.get<CaseList>('/admin/cases', { params: q }).then((r) => r.data.items)
export const addCase = (body: CaseInput) => http.post<CaseRecord>('/admin/cases', body).then((r) => r.data)
export const importCases = (csv: string) => http.post<CaseImportResult>('/admin/cases/import', { csv }).then((r) => r.data)
/** 周报 / 月报 as an Excel workbook (fetched with the token, saved by the browser). */
export const periodReport = (q: PeriodQuery) =>
  http.get<Blob>('/admin/period-report', { params: q, responseType: 'blob', timeout: 10 * 60_000 }).then((r) => r.data)
