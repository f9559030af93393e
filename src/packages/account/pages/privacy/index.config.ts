export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '隐私政策'
})
