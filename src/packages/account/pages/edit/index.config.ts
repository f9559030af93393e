export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '修改登记信息'
})
