export default definePageConfig({
  navigationBarTitleText: '学反诈'
})
