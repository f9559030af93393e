// jsdom lacks what antd's responsive components and the charts ask for.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false
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
// jsdom has no MessageChannel; antd's form scheduling posts through one. A timer-backed pair does the same job
// without keeping the test process alive (Node's own ports would).
class TimerMessageChannel {
  port1: { onmessage: ((event: { data: unknown }) => void) | null; close(): void } = { onmessage: null, close() {} }
  port2 = { postMessage: (data: unknown) => void setTimeout(() => this.port1.onmessage?.({ data }), 0), close() {} }
}
if (typeof globalThis.MessageChannel === 'undefined') Object.assign(globalThis, { MessageChannel: TimerMessageChannel })
