export default definePageConfig({
  navigationBarTitleText: '修改登记信息'
})
