// jsdom lacks what antd's responsive components and the charts ask for.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false, media: query, onchange: null,
    addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false
  })
})
class NoResize {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { ResizeObserver: NoResize })
// jsdom 20 has no TextEncoder; react-router 7 asks for it at import.
import { TextDecoder, TextEncoder } from 'node:util'
Object.assign(globalThis, { TextEncoder, TextDecoder })
