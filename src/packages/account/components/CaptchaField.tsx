import { Image, Input, View } from '@tarojs/components'
import { fieldName, imageName } from '../../../components/a11y'
import { AppButton } from '../../../components/AppButton'
import { FormField } from '../../../components/FormField'
import type { CaptchaChallenge } from '../../../../types/auth'
import './CaptchaField.scss'

const LABEL = '图形验证码'

/**
 * The 图形验证码 a busy network address is asked for before an SMS code: the picture, the field for its 4 digits and
 * 换一张. Someone who cannot read it is told the other ways in (mobile data is another address; the mini-program
 * signs in through WeChat without an SMS).
 */
export function CaptchaField({
  challenge,
  value,
  onChange,
  onRefresh,
  error
}: {
  challenge: CaptchaChallenge
  value: string
  onChange: (v: string) => void
  onRefresh: () => void
  error?: string
}) {
  return (
    <FormField label={LABEL} error={error} hint="这个网络获取验证码的人较多，请输入图中的4位数字。看不清可以换一张，或关掉Wi-Fi用手机流量再试。">
      <View className="captcha-field">
        <Image className="captcha-field__image" src={challenge.image} mode="aspectFit" {...imageName('图形验证码图片：4位数字')} />
        <AppButton className="captcha-field__refresh" onClick={onRefresh}>
          换一张
        </AppButton>
      </View>
      <Input
        className="form-input"
        type="number"
        maxlength={4}
        value={value}
        placeholder="图中的4位数字"
        {...fieldName(LABEL)}
        onInput={(e) => onChange(e.detail.value)}
      />
    </FormField>
  )
}
