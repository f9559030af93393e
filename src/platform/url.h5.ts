import type * as Shared from './url'

/** Browsers have the WHATWG URL the address rules read (rules/url-facts.ts): nothing to install. */
export const installUrl: typeof Shared.installUrl = () => {}
