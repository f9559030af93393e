import type * as Shared from './page-link'

/** In H5 the page's own address. */
export const currentPageLink: typeof Shared.currentPageLink = () => window.location.href
