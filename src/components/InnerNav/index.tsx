import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TAB_ROUTES } from '../../routes'
import { AppButton } from '../AppButton'
import { Heading } from '../Heading'
import './index.scss'

/**
 * The top of an inner page in H5: a way back (when there is a page to go back to) and always 返回首页 — a bulletin
 * shared with 转发给家人 opens on its own, with no tab bar and no history — then the page's title as its heading.
 * The mini-program's own navigation bar does both (WeChat adds a home button to a page opened directly).
 */
/** `title`: the page's level-one heading, for pages that have none of their own. */
export function InnerNav({ title }: { title?: string }) {
  if (process.env.TARO_ENV === 'weapp') return null
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : []
  const canGoBack = pages.length > 1
  return (
    <View className="inner-nav">
      <View className="inner-nav__row">
        {canGoBack ? (
          <AppButton className="inner-nav__back" label="返回上一页" onClick={() => void Taro.navigateBack()}>
            ‹ 返回
          </AppButton>
        ) : null}
        <AppButton className="inner-nav__home" onClick={() => void Taro.switchTab({ url: `/${TAB_ROUTES.check}` })}>
          返回首页
        </AppButton>
      </View>
      {title ? (
        <Heading level={1} className="inner-nav__title">
          {title}
        </Heading>
      ) : null}
    </View>
  )
}
