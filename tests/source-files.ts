import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** The app's source folder, for tests that read the code itself. */
export const SRC = path.join(__dirname, '..', 'src')

/** Every .ts/.tsx file under `dir`. */
export function sources(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}
