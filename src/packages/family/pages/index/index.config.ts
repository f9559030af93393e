export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '家人守护',
  // The share card carries an invitation code to the family member.
  enableShareAppMessage: true
})
