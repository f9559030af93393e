export default definePageConfig({
  navigationBarTitleText: '反诈短视频'
})
