import '@testing-library/jest-dom'

// jsdom has no IntersectionObserver; Taro's lazy <Image> asks for one. Report every element as visible.
class VisibleEverywhere {
  constructor(private readonly callback: (entries: Array<{ isIntersecting: boolean; target: Element }>) => void) {}
  observe(target: Element): void {
    this.callback([{ isIntersecting: true, target }])
  }
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { IntersectionObserver: VisibleEverywhere })
