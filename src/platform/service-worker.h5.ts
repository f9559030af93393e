import type * as Shared from './service-worker'

/**
 * The browser keeps the app through its service worker (/sw.js, written by the H5 build: scripts/h5-sw.mjs), so a
 * reload without a network opens it. Production builds only: a dev server's files change under it.
 */
export const registerServiceWorker: typeof Shared.registerServiceWorker = () => {
  if (process.env.NODE_ENV !== 'production' || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => {})
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
