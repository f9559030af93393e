import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { AreaList } from '../../../types/areas.ts'
import type { AreaRow, AreasRepository } from './repository.ts'

export const AREAS_FILE = path.resolve(import.meta.dirname, '..', '..', 'data', 'areas.json')

/** The county's areas as data: loaded from server/data/areas.json on first start, then edited by import. */
export function defaultAreas(): AreaRow[] {
  return (JSON.parse(readFileSync(AREAS_FILE, 'utf8')) as { areas: AreaRow[] }).areas
}

/** Township → village tree for the registration pickers (names only: population is the centre's business). */
export async function areaTree(repo: AreasRepository): Promise<AreaList> {
  const rows = await repo.all()
  const townships = rows
    .filter((r) => r.parentCode === null)
    .map((t) => ({
      code: t.code,
      name: t.name,
      villages: rows.filter((v) => v.parentCode === t.code).map((v) => ({ code: v.code, name: v.name }))
    }))
  return { townships }
}
