// WeChat reads a control's role and name from `aria-role` and `aria-label`, but Taro 4's weapp templates carry
// neither: attributes a component's template does not list are dropped. This adds them to the components we use
// as controls, text and images, so `ariaRole` / `ariaLabel` props reach the mini-program (src/components/a11y.ts).
// Taro loads plugins with require(); this file stays CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Weapp } = require('@tarojs/plugin-platform-weapp')

const ARIA = { 'aria-role': '', 'aria-label': '', 'aria-checked': '', 'aria-selected': '', 'aria-hidden': '' }

module.exports = () => {
  if (Weapp.prototype.__ariaPatched) return
  const modifyTemplate = Weapp.prototype.modifyTemplate
  Weapp.prototype.modifyTemplate = function (pluginOptions) {
    modifyTemplate.call(this, pluginOptions)
    this.template.mergeComponents(this.ctx, { View: ARIA, Text: ARIA, Image: ARIA, Button: ARIA, Input: { 'aria-label': '' } })
  }
  Weapp.prototype.__ariaPatched = true
}
