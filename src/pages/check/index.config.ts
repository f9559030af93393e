export default definePageConfig({
  navigationBarTitleText: '查号码'
})
