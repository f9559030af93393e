import type { BulletinBlock, BulletinInput } from '../../../types/bulletins.ts'
import { isRealDate } from '../residents/id-number.ts'

/** What schema validation cannot say about a bulletin: one Chinese sentence per problem, with where it is. */
export function bulletinProblems(input: Partial<BulletinInput>, townships: ReadonlySet<string>, imageHosts: ReadonlySet<string> = NO_HOSTS): string[] {
  const problems: string[] = []
  if (input.summaryShort !== undefined && [...input.summaryShort].length > 20) problems.push('summaryShort：订阅消息摘要最多20个字')
  for (const [field, value] of [
    ['periodStart', input.periodStart],
    ['periodEnd', input.periodEnd]
  ] as const) {
    if (value !== undefined && !isRealDate(value)) problems.push(`${field}：日期不正确`)
  }
  if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) problems.push('periodEnd：结束日期早于开始日期')
  for (const code of input.audience ?? []) {
    if (!townships.has(code)) problems.push(`audience：没有编码为 ${code} 的乡镇`)
  }
  input.body?.forEach((block, i) => problems.push(...blockProblems(block, imageHosts).map((p) => `body[${i}]：${p}`)))
  return problems
}

function blockProblems(block: BulletinBlock, imageHosts: ReadonlySet<string>): string[] {
  switch (block.type) {
    case 'table':
      return block.rows.some((row) => row.length !== block.columns.length) ? ['表格每行的格数要和列数相同'] : []
    case 'image':
      return isSafeImageUrl(block.url, imageHosts)
        ? []
        : [
            imageHosts.size > 0
              ? `图片只能用本站上传的图片（/media/ 开头），或这些网站的 https 地址：${[...imageHosts].join('、')}`
              : '图片只能用本站上传的图片（/media/ 开头的地址）'
          ]
    default:
      return []
  }
}

const NO_HOSTS: ReadonlySet<string> = new Set()

/**
 * Site paths (the server's own media), or https on a host the county configured (IMAGE_HOSTS): an image from anywhere
 * else would tell that site who reads the bulletin, and when. No javascript:, data:, protocol-relative or http.
 */
export function isSafeImageUrl(url: string, imageHosts: ReadonlySet<string> = NO_HOSTS): boolean {
  if (url.startsWith('/')) return !url.startsWith('//') && !/[\s\\]/.test(url)
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && u.username === '' && u.password === '' && imageHosts.has(u.hostname)
  } catch {
    return false
  }
}
