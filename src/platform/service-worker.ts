/**
 * Keeps the app's code on the device for use without a network. The mini-program's package is on the phone already
 * (its offline subpackage is fetched with the 查号码 tab: app.config.ts preloadRule): nothing to do.
 */
export function registerServiceWorker(): void {}
