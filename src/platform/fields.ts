/** H5 only: the styles that make Taro's wrapped fields fill their boxes (fields.h5.ts). WeChat's fields are native. */
export const FIELD_STYLES = 'native'
