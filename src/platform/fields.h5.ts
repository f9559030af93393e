import type * as Shared from './fields'
import './fields.h5.scss'

/** Loads fields.h5.scss into the H5 build only (tag selectors for Taro's web components mean nothing in WeChat). */
export const FIELD_STYLES: typeof Shared.FIELD_STYLES = 'native'
