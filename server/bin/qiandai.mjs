#!/usr/bin/env node
// Entry for `npx qiandai`: runs the TypeScript CLI through tsx's loaders. Both: the shared types/ folder is CommonJS
// to Node, and its files import each other with require().
import { register } from 'tsx/esm/api'
import { register as registerCjs } from 'tsx/cjs/api'

registerCjs()
register()
await import('../src/cli/qiandai.ts')
