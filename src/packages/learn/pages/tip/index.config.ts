export default definePageConfig({
  navigationBarTitleText: '反诈知识'
})
