export default definePageConfig({
  navigationBarTitleText: '代登记'
})
