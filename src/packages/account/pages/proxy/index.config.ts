export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '代登记'
})
