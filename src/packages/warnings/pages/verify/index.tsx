import { Input, Text, View } from '@tarojs/components'
import { fieldName } from '../../../../components/a11y'
import { InnerNav } from '../../../../components/InnerNav'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { VerifyCallerResult } from '../../../../../types/warnings'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { FormField } from '../../../../components/FormField'
import { Heading } from '../../../../components/Heading'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { subpackageUrl } from '../../../../routes'
import { ApiError } from '../../../../services/http'
import { verifyCaller } from '../../../../services/warnings'
import { useSession } from '../../../../stores/session'
import './index.scss'

/**
 * 核验来电民警: "police" calling is the classic scam, so the real warning call can be checked. The caller reads out their
 * police number and a one-time code; the server says whether that officer is contacting this resident now.
 */
export default function VerifyCallerPage() {
  const tokens = useSession((s) => s.tokens)
  const [policeNumber, setPoliceNumber] = useState('')
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<VerifyCallerResult | null>(null)

  const submit = async () => {
    if (policeNumber.trim() === '' || code.trim() === '') {
      setError('请填写对方报出的警号和核验码')
      return
    }
    setError(null)
    // An earlier answer never stays on screen under a new attempt (after the limit, a green 是真民警 would).
    setResult(null)
    setBusy(true)
    try {
      setResult(await verifyCaller({ policeNumber: policeNumber.trim(), code: code.trim() }))
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '核验没有成功，请稍后再试；拿不准就挂断，拨打 96110')
    } finally {
      setBusy(false)
    }
  }
  const call = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber }).catch(() => {})

  return (
    <View className="verify-page" role="main">
      <InnerNav title={'核验来电民警'} />
      <SystemFontSize />
      <Card>
        <Heading className="verify-page__title">对方说自己是民警？</Heading>
        <Text className="verify-page__text">县反诈中心和派出所的民警给您打电话或上门时，会报出警号和一个6位核验码。在这里输入，就能知道是不是真的。</Text>
        <Text className="verify-page__text">真民警不会让您转账，也不会要您的验证码和银行卡密码。</Text>
      </Card>
      {!tokens ? (
        <Card>
          <Text className="verify-page__text">核验需要先登录（用接电话的这个手机号）。拿不准就先挂断，拨打 96110 或 110。</Text>
          <AppButton variant="primary" block onClick={() => void Taro.navigateTo({ url: subpackageUrl('account', 'register', { then: 'back' }) })}>
            登记 / 登录
          </AppButton>
          <AppButton block onClick={() => call('96110')}>
            拨打 96110
          </AppButton>
        </Card>
      ) : (
        <Card>
          <FormField label="对方的警号">
            <Input
              className="form-input"
              type="text"
              maxlength={12}
              value={policeNumber}
              placeholder="例如 061234"
              {...fieldName('对方的警号')}
              onInput={(e) => setPoliceNumber(e.detail.value)}
            />
          </FormField>
          <FormField label="对方报的核验码" error={error}>
            <Input
              className="form-input"
              type="number"
              maxlength={6}
              value={code}
              placeholder="6位数字"
              {...fieldName('对方报的核验码')}
              onInput={(e) => setCode(e.detail.value)}
            />
          </FormField>
          <AppButton variant="primary" block loading={busy} onClick={() => void submit()}>
            核验
          </AppButton>
        </Card>
      )}
      {result ? (
        <View className={`verify-page__result ${result.genuine ? 'verify-page__result--genuine' : 'verify-page__result--fake'}`} role="alert">
          <Text className="verify-page__verdict">{result.genuine ? '是真民警' : '核验不通过'}</Text>
          {result.contact ? (
            <Text className="verify-page__text">{`${result.contact.name}，${result.contact.unit}，警号尾号 ${result.contact.policeNumberTail}`}</Text>
          ) : null}
          <Text className="verify-page__text">{result.message}</Text>
          {!result.genuine ? (
            <AppButton block onClick={() => call('110')}>
              拨打 110
            </AppButton>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
