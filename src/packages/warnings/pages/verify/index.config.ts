export default definePageConfig({
  navigationBarTitleText: '核验来电民警'
})
