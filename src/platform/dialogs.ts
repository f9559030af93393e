/**
 * Makes the app's modal dialogs accessible. The mini-program's modal is WeChat's own and already is: nothing to
 * install. (`root` is the page's document in H5.)
 */
export function installAccessibleDialogs(_root?: Document): () => void {
  return () => {}
}
