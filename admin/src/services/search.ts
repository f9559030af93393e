import type { SearchResult } from '../../../types/search'
import { http } from './http'

export const searchPhone = (q: string) => http.get<SearchResult>('/admin/search', { params: { q } }).then((r) => r.data)
