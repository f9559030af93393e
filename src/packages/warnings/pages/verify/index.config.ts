export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '核验来电民警'
})
