export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '学反诈'
})
