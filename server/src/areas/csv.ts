import { readFileSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { AreaRow, AreasRepository } from './repository.ts'

export const AREA_COLUMNS = ['code', 'name', 'parent_code', 'population_16_60'] as const

export interface AreaImportSummary {
  added: number
  updated: number
  unchanged: number
  rejections: Array<{ line: number; reason: string }>
}

/**
 * Imports the area list from CSV (`code,name,parent_code,population_16_60`, header optional). The list is a
 * few hundred rows, so it is read whole; every row is checked first and nothing is written if any row is
 * wrong: a half-applied area list would skew coverage.
 */
export async function importAreasCsv(file: string, repo: AreasRepository): Promise<AreaImportSummary> {
  const records = parse(readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{
    record: string[]
    info: { lines: number }
  }>
  const known = new Set((await repo.all()).map((a) => a.code))
  const rows: AreaRow[] = []
  const rejections: AreaImportSummary['rejections'] = []
  const inFile = new Set<string>()
  for (const [i, { record, info }] of records.entries()) {
    const [code = '', name = '', parent = '', population = ''] = record.map((f) => f.trim())
    if (i === 0 && code.toLowerCase() === 'code') continue
    const reject = (reason: string) => rejections.push({ line: info.lines, reason })
    if (!/^\d{6,15}$/.test(code)) {
      reject(`区划代码无效：“${code}”（6–15位数字）`)
      continue
    }
    // eslint-disable-next-line no-control-regex
    if (name === '' || name.length > 40 || /[\u0000-\u001f]/.test(name)) {
      reject('名称不能为空，最多40个字')
      continue
    }
    if (parent !== '' && !known.has(parent) && !inFile.has(parent)) {
      reject(`上级区划 ${parent} 不存在（上级须先于下级出现）`)
      continue
    }
    if (!/^\d{1,9}$/.test(population)) {
      reject(`16–60岁人口数无效：“${population}”`)
      continue
    }
    if (inFile.has(code)) {
      reject(`区划代码 ${code} 重复`)
      continue
    }
    inFile.add(code)
    rows.push({ code, name, parentCode: parent === '' ? null : parent, population16to60: Number(population) })
  }
  if (rejections.length > 0) return { added: 0, updated: 0, unchanged: 0, rejections }
  return { ...(await repo.upsert(rows)), rejections }
}

export async function exportAreasCsv(repo: AreasRepository, out: Writable): Promise<number> {
  const rows = await repo.all()
  out.write(stringify([[...AREA_COLUMNS], ...rows.map((r) => [r.code, r.name, r.parentCode ?? '', String(r.population16to60)])]))
  return rows.length
}
