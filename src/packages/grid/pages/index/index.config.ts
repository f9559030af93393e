export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '网格员工作台'
})
