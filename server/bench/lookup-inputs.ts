/** The lookup benchmark's inputs: the blocklist it loads and the hot and cold mixes it asks (also used in process). */

export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)

/** The i-th blocklisted number: 1M distinct mobiles across carriers' segments (deterministic). */
export function blockedNumber(i: number): string {
  const segments = ['170', '171', '165', '167', '138', '139', '150', '186', '188', '199']
  return `+86${segments[i % segments.length]}${String((Math.floor(i / segments.length) * 97) % 100_000_000).padStart(8, '0')}`
}

const fullWidth = (s: string): string => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
/** The ways people type or paste a mainland mobile. */
const MOBILE_SHAPES: ((n: string) => string)[] = [
  (n) => n,
  (n) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  (n) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  (n) => `+86 ${n}`,
  (n) => `0086${n}`,
  (n) => fullWidth(n),
  (n) => `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  (n) => `(+86) ${n}`
]

/** Hot mix: a small set of inputs asked again and again. */
export function hotInputs(count: number): string[] {
  const inputs: string[] = []
  for (let i = 0; i < count; i++) {
    const hit = blockedNumber((i * 7919) % ROWS).slice(3)
    const miss = `13${i % 10}${String((i * 104729) % 100_000_000).padStart(8, '0')}`
    const variants = [
      hit,
      MOBILE_SHAPES[1](hit),
      `+86 ${hit}`,
      fullWidth(hit),
      miss,
      MOBILE_SHAPES[2](miss),
      `00852${String(90000000 + i).slice(0, 8)}`,
      i % 2 ? '+86 95588' : '0915-110'
    ]
    inputs.push(variants[i % variants.length])
  }
  return inputs
}

/**
 * Cold mix for round `round`: `count` inputs, all distinct and distinct from every other round's. Half are
 * blocklisted numbers in the shapes above. The other half, in twentieths: 9 unknown mobiles (every segment, in
 * the same shapes), 4 landlines (the county's 0915 and other cities, with dashes, spaces or +86), 3 calls from
 * abroad (Hong Kong mobiles, North American numbers), 2 odd numbers (95/96 lines of the wrong length, segments no
 * carrier has) and 2 numbers pasted with text around them. The last four kinds are what the library still parses.
 */
export function coldInputs(round: number, count: number): string[] {
  const inputs = new Set<string>()
  const base = (round + 1) * 10_000_000
  for (let i = 0; inputs.size < count; i++) {
    const n = base + i
    if (i % 2 === 0) {
      const hit = blockedNumber((round * count + i / 2) % ROWS).slice(3)
      inputs.add(MOBILE_SHAPES[(i / 2) % MOBILE_SHAPES.length](hit))
      continue
    }
    const j = (i - 1) / 2
    const tail8 = String((n * 104729) % 100_000_000).padStart(8, '0')
    const mobile = `1${3 + (j % 7)}${j % 10}${tail8}`
    switch (j % 20) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
      case 8:
        inputs.add(MOBILE_SHAPES[(j >> 1) % MOBILE_SHAPES.length](mobile))
        break
      case 9:
      case 10:
        inputs.add(`0915-${2 + (j % 7)}${tail8.slice(0, 6)}`)
        break
      case 11:
        inputs.add(`010 ${5 + (j % 4)}${tail8.slice(0, 7)}`)
        break
      case 12:
        inputs.add(`+86 ${['21', '29', '755'][j % 3]} ${6 + (j % 3)}${tail8.slice(0, 7)}`)
        break
      case 13:
      case 14:
        inputs.add(`00852 ${[5, 6, 9][j % 3]}${tail8.slice(1)}`)
        break
      case 15:
        inputs.add(`+1 ${[202, 415, 646, 905][j % 4]} ${2 + (j % 8)}${tail8.slice(2)}`)
        break
      case 16:
        inputs.add(j % 2 ? `95${tail8}` : `96${tail8.slice(2)}`)
        break
      case 17:
        inputs.add(`14${j % 2}${tail8}`)
        break
      default:
        inputs.add(`${j % 2 ? '来电 ' : '号码：'}${j % 3 ? mobile : `0915-${2 + (j % 7)}${tail8.slice(0, 6)}`}`)
    }
  }
  return [...inputs]
}
