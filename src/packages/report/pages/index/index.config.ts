export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '举报'
})
