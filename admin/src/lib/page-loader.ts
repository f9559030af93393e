import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react'

type PageModule = { default: ComponentType }

/**
 * A console page loaded on demand (its own chunk) that can be fetched ahead of navigation and retried after a failure.
 * React.lazy keeps a failed import for ever (the page would stay broken until F5), so the lazy component is made anew
 * after a failure, and `preload()` lets the menu fetch a page before leaving the current one: when the network is down
 * or a new build has replaced the chunks, the clerk stays where they were, with what they typed.
 */
export interface LoadablePage {
  /** Render this; it suspends until the chunk is there. */
  Page: ComponentType
  /** Fetches the chunk (once; again after a failure). */
  preload(): Promise<void>
  /** Forget a failed load so the next render or preload tries again. */
  reset(): void
}

const pages = new Set<LoadablePage>()

export function loadablePage(load: () => Promise<PageModule>): LoadablePage {
  let pending: Promise<PageModule> | null = null
  const fetchOnce = (): Promise<PageModule> => {
    pending ??= load().catch((err: unknown) => {
      pending = null
      throw err
    })
    return pending
  }
  let current: LazyExoticComponent<ComponentType> = lazy(fetchOnce)
  const page: LoadablePage = {
    Page: () => createElement(current),
    preload: () => fetchOnce().then(() => undefined),
    // Nothing loaded or loading: the last attempt failed (or none was made), so a fresh lazy component tries again.
    reset: () => {
      if (pending === null) current = lazy(fetchOnce)
    }
  }
  pages.add(page)
  return page
}

/** Before a retry: every page whose chunk failed will be fetched again when rendered. */
export function resetFailedPages(): void {
  for (const page of pages) page.reset()
}

// What browsers say when a chunk cannot be fetched: offline, server down, or a new build has other chunk names.
const CHUNK_FAILURE =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Loading (CSS )?chunk|Unable to preload CSS/i

export function isChunkLoadError(err: unknown): boolean {
  return err instanceof Error && CHUNK_FAILURE.test(err.message)
}

/**
 * Has the server a newer console than this tab runs? Compares the entry script of /admin/ as served now with the one
 * this page loaded. Unknown (offline) counts as no.
 */
export async function newBuildAvailable(): Promise<boolean> {
  const running = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.getAttribute('src')
  if (!running) return false
  try {
    // The console is always served at /admin/ (vite.config.ts base).
    const html = await (await fetch('/admin/', { cache: 'no-store' })).text()
    const served = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1]
    return served !== undefined && served !== running
  } catch {
    return false
  }
}
