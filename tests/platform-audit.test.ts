// The mini-program has no DOM: Taro's runtime there stubs `document` (querySelectorAll returns []), so a browser API in
// code both builds share fails silently in WeChat — the check page's scroll to the answer did (issue 27). Browser APIs
// live only in `*.h5.ts` files (Taro's multi-platform resolution compiles them into the H5 build alone), each beside the
// mini-program's version of the same functions; every page has <page-meta> so text size works in WeChat.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SRC, sources } from './source-files'
import { SUBPACKAGES, TAB_ROUTES } from '../src/routes'

/** The code without its comments (a `//` after `:` is a URL, not a comment). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')
}

// What exists in a browser and not in the mini-program's JS engine (or exists there as Taro's inert stub).
const BROWSER_ONLY =
  /\b(document|window(?!\s*:)|navigator|localStorage|sessionStorage|globalThis|HTMLElement|HTMLInputElement|addEventListener|removeEventListener|requestAnimationFrame|getComputedStyle|matchMedia|createObjectURL|Blob|querySelector(All)?|scrollIntoView|offsetParent|getBoundingClientRect)\b/g

const isH5Only = (file: string) => /\.h5\.tsx?$/.test(file)

test('no browser API in code the mini-program runs: only in *.h5.ts files', () => {
  const found: string[] = []
  for (const file of sources(SRC).filter((f) => !isH5Only(f))) {
    code(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(BROWSER_ONLY)) found.push(`${path.relative(SRC, file)}:${i + 1} ${m[0]}`)
      })
  }
  expect(found).toEqual([])
})

test("each *.h5.ts has the mini-program's version beside it and takes its types from it", () => {
  const problems: string[] = []
  for (const file of sources(SRC).filter(isH5Only)) {
    const base = file.replace(/\.h5\.(tsx?)$/, '.$1')
    const name = path.relative(SRC, file)
    if (!existsSync(base)) problems.push(`${name}: no ${path.basename(base)} for the mini-program`)
    const sibling = `./${path.basename(base).replace(/\.tsx?$/, '')}`
    const text = readFileSync(file, 'utf8')
    if (!text.includes(`import type * as Shared from '${sibling}'`)) problems.push(`${name}: not typed against ${sibling}`)
    // Each export of the pair is typed as the sibling's, so the two builds call the same signatures.
    for (const [, exported] of text.matchAll(/export (?:const|function|class) (\w+)/g)) {
      if (!new RegExp(`export const ${exported}: typeof Shared\\.${exported}\\b`).test(text))
        problems.push(`${name}: ${exported} is not typeof Shared.${exported}`)
    }
  }
  expect(problems).toEqual([])
})

/** Every page of the app (main package and subpackages), as app.config.ts registers them. */
function pages(): string[] {
  const main: string[] = Object.values(TAB_ROUTES)
  const sub = Object.values(SUBPACKAGES).flatMap((p) => Object.values(p.pages).map((page: string) => `${p.root}/${page}`))
  return [...main, ...sub]
}

test('every page turns on <page-meta> and renders SystemFontSize, so text size works in WeChat', () => {
  const list = pages()
  expect(list.length).toBeGreaterThan(10)
  const problems: string[] = []
  for (const page of list) {
    const dir = path.join(SRC, page.replace(/\/index$/, ''))
    const config = readFileSync(path.join(dir, 'index.config.ts'), 'utf8')
    if (!/enablePageMeta:\s*true/.test(config)) problems.push(`${page}: no enablePageMeta`)
    if (!readFileSync(path.join(dir, 'index.tsx'), 'utf8').includes('<SystemFontSize />')) problems.push(`${page}: no <SystemFontSize />`)
  }
  expect(problems).toEqual([])
})
