// Types for the plain-ESM build helper shared by `npm run build:h5` and `npm start`.
export declare const H5_DIR: string
export declare const STAMP: string
export declare function newestSourceMtime(): number
export declare function h5IsStale(): boolean
export declare function buildH5(options?: { quiet?: boolean }): void
