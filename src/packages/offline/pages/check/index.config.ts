export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '离线查询'
})
