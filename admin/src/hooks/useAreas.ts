import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { getAreas } from '../services/stats'

/** Townships (with villages) and a code → name map: names for codes everywhere in the console. */
export function useAreas() {
  const query = useQuery({ queryKey: ['areas'], queryFn: getAreas, staleTime: Infinity })
  const names = useMemo(() => {
    const m = new Map<string, string>()
    for (const t of query.data ?? []) {
      m.set(t.code, t.name)
      for (const v of t.villages) m.set(v.code, v.name)
    }
    return m
  }, [query.data])
  return { townships: query.data ?? [], names, isLoading: query.isLoading }
}
