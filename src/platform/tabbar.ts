/** The mini-program's tab bar is WeChat's own (it announces the current tab and the badge itself): nothing to do. */
export function installAccessibleTabBar(_root?: Document): () => void {
  return () => {}
}
