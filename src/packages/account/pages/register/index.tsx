import { Text, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ButtonProps } from '@tarojs/components'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { toast } from '../../../../components/toast'
import { PRIVACY_POLICY } from '../../../../content/privacy-policy'
import { subpackageUrl, TAB_ROUTES } from '../../../../routes'
import { loginWithWeChat, verifyWeChatPhone } from '../../../../services/auth'
import { ApiError } from '../../../../services/http'
import { getMe, register } from '../../../../services/me'
import { useSession } from '../../../../stores/session'
import { ProfileForm, type ProfileValues } from '../../components/ProfileForm'
import { SmsLoginForm } from '../../components/SmsLoginForm'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * Login and registration in one place, one step at a time: privacy consent → login (WeChat in the
 * mini-program, SMS code in H5) → verified phone → name, birth date, township and village.
 */
export default function RegisterPage() {
  const { tokens, me, privacyAgreedVersion, signIn, setMe } = useSession()
  // then=back: a resident sent here from what they were doing (a report, a caller check) returns to it, with what
  // they had typed, once signed in and registered.
  const returnsBack = useRouter().params.then === 'back'
  const done = useCallback(() => {
    if (returnsBack && Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: `/${TAB_ROUTES.mine}` })
  }, [returnsBack])
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const consented = privacyAgreedVersion === PRIVACY_POLICY.version

  useEffect(() => {
    if (!consented) void Taro.redirectTo({ url: subpackageUrl('account', 'privacy', { next: 'register', ...(returnsBack ? { then: 'back' } : {}) }) })
  }, [consented, returnsBack])

  // Signed in as a resident who registered before: straight back to what they were doing.
  const alreadyRegistered = Boolean(tokens && me && me.residentId === tokens.residentId && me.registered)
  const [arrivedRegistered] = useState(alreadyRegistered)
  useEffect(() => {
    if (alreadyRegistered && returnsBack && !arrivedRegistered) done()
  }, [alreadyRegistered, returnsBack, arrivedRegistered, done])

  const weChatLogin = useCallback(async () => {
    setProblem(null)
    setBusy(true)
    try {
      const { code } = await Taro.login()
      signIn(await loginWithWeChat(code))
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '微信登录失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }, [signIn])

  // Logged in: learn where this resident stands (phone verified? registered?).
  useEffect(() => {
    if (!consented) return
    if (!tokens) {
      if (isWeapp) void weChatLogin()
      return
    }
    getMe()
      .then(setMe)
      .catch((err: unknown) => setProblem(err instanceof ApiError ? err.message : '加载失败，请稍后再试'))
  }, [consented, tokens, setMe, weChatLogin, attempt])

  const onPhone: ButtonProps['onGetPhoneNumber'] = (e) => {
    const code = (e.detail as { code?: string }).code
    if (!code) {
      toast('需要您同意使用手机号才能登记')
      return
    }
    setBusy(true)
    verifyWeChatPhone(code)
      .then(async (updated) => {
        if (updated.takenOver) {
          // Family or a grid worker registered this phone (代登记): that account is now this WeChat's; sign in to it.
          const login = await Taro.login()
          signIn(await loginWithWeChat(login.code))
          toast('家人或网格员已帮您登记过，现在这个账号归您自己使用')
        }
        setMe(updated)
      })
      .catch((err: unknown) => setProblem(err instanceof ApiError ? err.message : '获取手机号失败，请再试一次'))
      .finally(() => setBusy(false))
  }

  const onRegister = async (v: ProfileValues) => {
    const updated = await register({
      name: v.name.trim(),
      birthDate: v.birthDate,
      townshipCode: v.townshipCode,
      villageCode: v.villageCode,
      consentVersion: PRIVACY_POLICY.version,
      ...(v.idNumber.trim() ? { idNumber: v.idNumber.trim() } : {})
    })
    setMe(updated)
    toast('登记成功')
    done()
  }

  let body
  if (!consented) body = <StateView kind="loading" message="正在打开隐私政策…" />
  else if (problem)
    body = (
      <StateView
        kind="error"
        message={problem}
        onRetry={() => {
          setProblem(null)
          setAttempt((a) => a + 1)
        }}
      />
    )
  else if (!tokens) {
    body = isWeapp ? (
      <StateView kind="loading" message="正在用微信登录…" />
    ) : (
      <Card>
        <Heading className="register-page__title">第一步：手机号登录</Heading>
        <SmsLoginForm />
      </Card>
    )
  } else if (!me || me.residentId !== tokens.residentId) body = <StateView kind="loading" message="正在加载…" />
  else if (!me.phone) {
    body = (
      <Card>
        <Heading className="register-page__title">第一步：验证手机号</Heading>
        <Text className="register-page__text">用您微信绑定的手机号登记，不用手动输入。</Text>
        <AppButton variant="primary" block openType="getPhoneNumber" onGetPhoneNumber={onPhone} loading={busy}>
          微信手机号快捷登记
        </AppButton>
      </Card>
    )
  } else if (!me.registered) {
    body = (
      <Card>
        <Heading className="register-page__title">第二步：填写登记信息</Heading>
        <Text className="register-page__text">手机号：{me.phone}（已验证）</Text>
        <ProfileForm mode="register" submitLabel="提交登记" onSubmit={onRegister} />
        <Text className="register-page__consent">
          提交即表示您同意《{PRIVACY_POLICY.title}》（{PRIVACY_POLICY.version}版）。
        </Text>
      </Card>
    )
  } else {
    body = (
      <Card>
        <Heading className="register-page__title">您已经登记过了</Heading>
        <AppButton variant="primary" block onClick={done}>
          {returnsBack ? '返回继续' : '回到“我的”'}
        </AppButton>
      </Card>
    )
  }

  return (
    <View className="register-page" role="main">
      <InnerNav title={'居民登记'} />
      <SystemFontSize />
      {body}
    </View>
  )
}
