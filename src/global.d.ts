/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

/** Injected by config/index.ts (defineConstants): the API base URL for this build. */
declare const API_BASE_URL: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
  }
}

/** core-js's WHATWG URL, installed for the address rules in the mini-program (src/platform/url.ts). */
declare module 'core-js-pure/web/url' {
  import type { UrlConstructor } from '../rules/url-facts'
  const URL: UrlConstructor
  export default URL
}
