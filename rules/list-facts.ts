/** What the shared lists say about a number (from the in-memory index; the lists build it, the rules read it). */
export interface ListFacts {
  blocked: { category: string; /** Epoch ms; 0 or absent = no expiry. */ expiresAt?: number } | null
  verified: { label: string } | null
  reporters: number
  /** The phone's offline copy of the blocklist may hold it (a filter: it can be wrong, never in the safe direction). */
  maybeBlocked?: boolean
}
