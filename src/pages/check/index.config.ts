export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '查号码'
})
