import { build } from 'esbuild'
import path from 'node:path'
import vm from 'node:vm'
import type { checkOffline, LocalBlocklist } from '../../rules/offline.ts'

// The offline rules as the phone runs them: rules/ bundled down to ES2017 with the mini-program's URL (core-js,
// src/platform/url.ts) and run in a bare JavaScript context — no URL, no Node, no DOM, as in WeChat's JavaScript.

const ROOT = path.resolve(import.meta.dirname, '../..')

export type PhoneMetadata = 'max' | 'mobile' | 'min'

export interface OfflineBundle {
  checkOffline: typeof checkOffline
  /** The phone's reading of a downloaded snapshot, as a LocalBlocklist (values from the bundle's own context). */
  localBlocklist(bytes: Uint8Array): LocalBlocklist
  /** Minified size of the bundle, bytes. */
  bytes: number
}

const ENTRY = `
import URLPolyfill from 'core-js-pure/web/url'
import { installUrlConstructor } from './rules/url-facts'
installUrlConstructor(URLPolyfill)
import { decodeSnapshot, snapshotMayContain } from './rules/blocklist-snapshot'
export { checkOffline } from './rules/offline'
export function localBlocklist(bytes) {
  const snapshot = decodeSnapshot(bytes)
  return { builtAt: snapshot.header.builtAt, mayContain: (kind, value) => snapshotMayContain(snapshot, kind, value) }
}
`

/** Builds the bundle (libphonenumber-js metadata as given) and loads it in a fresh context. */
export async function loadOfflineBundle(metadata: PhoneMetadata = 'max'): Promise<OfflineBundle> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js', sourcefile: 'offline-entry.js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    globalName: 'offlineRules',
    target: 'es2017',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    alias: metadata === 'max' ? {} : { 'libphonenumber-js/max/metadata': `libphonenumber-js/${metadata}/metadata` },
    logLevel: 'silent'
  })
  const [file] = result.outputFiles ?? []
  if (!file) throw new Error('esbuild wrote no bundle')
  const code = file.text
  const context = vm.createContext({})
  vm.runInContext(`${code};this.offlineRules = offlineRules`, context)
  const rules = (context as { offlineRules: { checkOffline: typeof checkOffline; localBlocklist: OfflineBundle['localBlocklist'] } }).offlineRules
  // Values from the bundle's context carry its prototypes: JSON makes them plain values of this one.
  const plain: typeof checkOffline = (kind, input, local, now) => JSON.parse(JSON.stringify(rules.checkOffline(kind, input, local, now)))
  // The snapshot's bytes are copied into the bundle's context, as the phone reads them from its own file.
  const localBlocklist = (bytes: Uint8Array) => rules.localBlocklist(new (vm.runInContext('Uint8Array', context) as Uint8ArrayConstructor)(bytes))
  return { checkOffline: plain, localBlocklist, bytes: Buffer.byteLength(code) }
}
