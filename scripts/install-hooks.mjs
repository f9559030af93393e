// `npm install` / `npm ci` (prepare): point git at the repository's hooks (.githooks/pre-commit checks formatting).
// Nothing to do outside a git checkout (a packed tarball, a copied folder).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (existsSync('.git')) {
  try {
    execFileSync('git', ['config', 'core.hooksPath', '.githooks'], { stdio: 'ignore' })
  } catch {
    // git is not installed: the hook is a convenience; CI checks formatting in `npm run lint`.
  }
}
