/** What the shared lists say about a number (from the in-memory index; the lists build it, the rules read it). */
export interface ListFacts {
  blocked: { category: string; /** Epoch ms; 0 or absent = no expiry. */ expiresAt?: number } | null
  verified: { label: string } | null
  reporters: number
}
