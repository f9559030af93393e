export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '预警信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
