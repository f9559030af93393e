// Types for the plain-ESM console build helper shared by `npm run build:admin` and `npm start`.
export declare const ADMIN_DIR: string
export declare function adminIsStale(): boolean
export declare function buildAdmin(options?: { quiet?: boolean }): void
