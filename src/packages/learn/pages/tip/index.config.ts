export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '反诈知识'
})
