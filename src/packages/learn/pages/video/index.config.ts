export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '反诈短视频'
})
