export default definePageConfig({
  navigationBarTitleText: '居民登记'
})
