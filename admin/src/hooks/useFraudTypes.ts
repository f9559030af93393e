import { useQuery } from '@tanstack/react-query'
import { getFraudTypes } from '../services/learn'

/** The catalogue's names: the categories the blacklist and the review decisions use. */
export function useFraudTypeNames(): string[] {
  return useQuery({ queryKey: ['fraud-types'], queryFn: getFraudTypes, staleTime: 300_000 }).data?.map((t) => t.name) ?? []
}
