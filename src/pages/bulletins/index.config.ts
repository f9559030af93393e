export default definePageConfig({
  navigationBarTitleText: '预警信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
