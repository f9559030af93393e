import URLPolyfill from 'core-js-pure/web/url'
import { installUrlConstructor } from '../../rules/url-facts'

/**
 * Gives the address rules (rules/url-facts.ts) a WHATWG URL: the mini-program's JavaScript has none, so core-js's
 * (the standard's algorithm, as Node's and the browser's are) is installed, and the phone reads an address as the
 * server does (server/test/offline-rules.test.ts runs the rules this way).
 */
export function installUrl(): void {
  installUrlConstructor(URLPolyfill)
}
