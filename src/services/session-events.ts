/**
 * What the HTTP client does when a login can no longer be refreshed: the app decides (it opens the login page),
 * so the client needs no knowledge of pages.
 */
let onSessionExpired: (() => void) | null = null

export function setSessionExpiredHandler(handler: (() => void) | null): void {
  onSessionExpired = handler
}

export function notifySessionExpired(): void {
  onSessionExpired?.()
}
