import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, type ReactNode } from 'react'
import { subpackageUrl } from '../../routes'
import { getMe } from '../../services/me'
import { useSession } from '../../stores/session'
import { AppButton } from '../AppButton'
import { Card } from '../Card'
import { InnerNav } from '../InnerNav'
import { StateView } from '../StateView'
import { SystemFontSize } from '../SystemFontSize'

export type Registration = 'unknown' | 'unregistered' | 'registered'

/**
 * Where the signed-in resident stands. A page opened straight from a share card or a link may not know yet: it
 * asks the server once (the answer lands in the session store).
 */
export function useRegistration(): Registration {
  const { tokens, me, setMe } = useSession()
  const known = !tokens || me?.residentId === tokens.residentId
  useEffect(() => {
    if (!known)
      getMe()
        .then(setMe)
        .catch(() => {})
  }, [known, setMe])
  if (!known) return 'unknown'
  return tokens && me?.registered ? 'registered' : 'unregistered'
}

/**
 * The page a feature for registered residents shows everyone else: loading while the registration is not known,
 * otherwise what the feature is (children) and 登记 / 登录, which comes back here afterwards.
 */
export function RegistrationGate({
  registration,
  pageClass,
  title,
  children
}: {
  registration: Exclude<Registration, 'registered'>
  pageClass: string
  title: string
  children: ReactNode
}) {
  return (
    <View className={pageClass} role="main">
      <InnerNav title={title} />
      <SystemFontSize />
      {registration === 'unknown' ? (
        <StateView kind="loading" message="正在加载…" />
      ) : (
        <Card>
          {children}
          <AppButton variant="primary" block onClick={() => void Taro.navigateTo({ url: subpackageUrl('account', 'register', { then: 'back' }) })}>
            登记 / 登录
          </AppButton>
        </Card>
      )}
    </View>
  )
}
