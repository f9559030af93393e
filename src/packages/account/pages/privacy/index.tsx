import { Text, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useRouter } from '@tarojs/taro'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { PRIVACY_POLICY } from '../../../../content/privacy-policy'
import { subpackageUrl } from '../../../../routes'
import { resolvePrivacy } from '../../../../services/privacy'
import { useSession } from '../../../../stores/session'
import './index.scss'

/** The policy in full, and the only place consent is given (WeChat's own privacy agreement included). */
export default function PrivacyPage() {
  const { params } = useRouter()
  const agreedVersion = useSession((s) => s.privacyAgreedVersion)
  const agreePrivacy = useSession((s) => s.agreePrivacy)
  const agreed = agreedVersion === PRIVACY_POLICY.version

  const onAgree = () => {
    agreePrivacy(PRIVACY_POLICY.version)
    resolvePrivacy('agree', 'agree-privacy')
    // The page that sent the resident to register (then=back) is still below: keep the way back to it.
    if (params.next === 'register') void Taro.redirectTo({ url: subpackageUrl('account', 'register', params.then === 'back' ? { then: 'back' } : undefined) })
    else void Taro.navigateBack().catch(() => {})
  }
  const onDecline = () => {
    resolvePrivacy('disagree')
    void Taro.navigateBack().catch(() => {})
  }

  return (
    <View className="privacy-page" role="main">
      <InnerNav />
      <SystemFontSize />
      <Card>
        <Heading level={1} className="privacy-page__title">
          {PRIVACY_POLICY.title}
        </Heading>
        <Text className="privacy-page__version">版本：{PRIVACY_POLICY.version}</Text>
        <Text className="privacy-page__summary">{PRIVACY_POLICY.summary}</Text>
        {PRIVACY_POLICY.sections.map((s) => (
          <View key={s.heading} className="privacy-page__section">
            <Heading className="privacy-page__heading">{s.heading}</Heading>
            <Text className="privacy-page__body">{s.body}</Text>
          </View>
        ))}
      </Card>
      <View className="privacy-page__actions">
        {agreed && params.next !== 'register' ? (
          <Text className="privacy-page__agreed">您已同意本版本的隐私政策。</Text>
        ) : (
          <>
            <AppButton
              id="agree-privacy"
              variant="primary"
              block
              openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
              onAgreePrivacyAuthorization={onAgree}
              onClick={process.env.TARO_ENV === 'weapp' ? undefined : onAgree}
            >
              同意并继续
            </AppButton>
            <AppButton block className="privacy-page__decline" onClick={onDecline}>
              不同意
            </AppButton>
          </>
        )}
      </View>
    </View>
  )
}
