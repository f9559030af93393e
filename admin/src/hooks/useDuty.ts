import { useQuery } from '@tanstack/react-query'
import { getDuty } from '../services/duty'
import { useSession } from '../stores/session'

/** 值班概况, shared by the menu's counts, the announcements and the dashboard: one request every 15 s. */
export function useDuty() {
  const signedIn = useSession((s) => Boolean(s.session && !s.session.mustChangePassword))
  return useQuery({ queryKey: ['duty'], queryFn: getDuty, enabled: signedIn, refetchInterval: 15_000, retry: false })
}
