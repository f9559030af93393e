import type { Coverage } from '../../../types/admin.ts'
import { COVERAGE_MAX_AGE, MIN_REGISTRATION_AGE } from '../../../types/privacy.ts'
import type { AreasRepository } from '../areas/repository.ts'
import { birthDateBounds } from '../residents/id-number.ts'
import { countyToday } from '../../../types/county-day.ts'
import type { CoverageRepository } from './repository.ts'

const ratio = (registered: number, population: number) => (population > 0 ? Math.round((registered / population) * 10_000) / 10_000 : 0)

/** Registered residents aged 16–60 against the 16–60 population, per village, township and in total. */
export async function coverage(areas: AreasRepository, counts: CoverageRepository, townshipCode: string | null, now: Date = new Date()): Promise<Coverage> {
  const asOf = countyToday(now)
  const byVillage = new Map((await counts.countsByVillage(birthDateBounds(asOf, MIN_REGISTRATION_AGE, COVERAGE_MAX_AGE), townshipCode)).map((c) => [c.villageCode, c]))
  const all = await areas.all()
  const townships = all
    .filter((t) => t.parentCode === null && (townshipCode === null || t.code === townshipCode))
    .map((t) => {
      const villages = all.filter((v) => v.parentCode === t.code).map((v) => {
        const registered = byVillage.get(v.code)?.cohort ?? 0
        return {
          code: v.code, name: v.name, registered16to60: registered, population16to60: v.population16to60, ratio: ratio(registered, v.population16to60),
          proxyRegistered16to60: byVillage.get(v.code)?.proxy ?? 0
        }
      })
      const registered = villages.reduce((s, v) => s + v.registered16to60, 0)
      // A township's population is its own figure when the villages' figures do not cover it all.
      const population = Math.max(t.population16to60, villages.reduce((s, v) => s + v.population16to60, 0))
      const proxy = villages.reduce((s, v) => s + v.proxyRegistered16to60, 0)
      return { code: t.code, name: t.name, registered16to60: registered, population16to60: population, ratio: ratio(registered, population), proxyRegistered16to60: proxy, villages }
    })
  const registered = townships.reduce((s, t) => s + t.registered16to60, 0)
  const population = townships.reduce((s, t) => s + t.population16to60, 0)
  const registeredAllAges = [...byVillage.values()].reduce((s, c) => s + c.allAges, 0)
  const proxy = townships.reduce((s, t) => s + t.proxyRegistered16to60, 0)
  return { asOf, townships, totals: { registered16to60: registered, proxyRegistered16to60: proxy, population16to60: population, ratio: ratio(registered, population), registeredAllAges } }
}
