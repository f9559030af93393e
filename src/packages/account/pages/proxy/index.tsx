import { Input, Text, View } from '@tarojs/components'
import { fieldName } from '../../../../components/a11y'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ProxyRegistrationResult } from '../../../../../types/family'
import { FAMILY_RELATIONS, FAMILY_RELATION_NAMES, type FamilyRelation } from '../../../../../types/family-wording'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { FormField } from '../../../../components/FormField'
import { Heading } from '../../../../components/Heading'
import { InnerNav } from '../../../../components/InnerNav'
import { RegistrationGate, useRegistration } from '../../../../components/RegistrationGate'
import { SelectField } from '../../../../components/SelectField'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { toast } from '../../../../components/toast'
import { PRIVACY_POLICY } from '../../../../content/privacy-policy'
import { registerForSomeone, sendProxyCode } from '../../../../services/family'
import { ApiError } from '../../../../services/http'
import { ProfileForm, type ProfileValues } from '../../components/ProfileForm'
import { CaptchaField } from '../../components/CaptchaField'
import { useCodeSender } from '../../components/code-sender'
import { fieldErrorsFrom, type FieldErrors } from '../../components/errors'
import './index.scss'

const PHONE = /^1[3-9]\d{9}$/
const RELATION_OPTIONS = FAMILY_RELATIONS.map((r) => ({ value: r, label: FAMILY_RELATION_NAMES[r] }))

/**
 * 代登记: a family member (or the village's grid worker, `as=grid`) registers an elder without a smartphone. The
 * consent code goes to the elder's own phone and the elder reads it out: that is their agreement.
 */
export default function ProxyRegistrationPage() {
  const registration = useRegistration()
  const asGrid = useRouter().params.as === 'grid'
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [relation, setRelation] = useState<FamilyRelation | null>(null)
  const { wait, sent, sending, request, captcha, captchaAnswer, setCaptchaAnswer, newCaptcha } = useCodeSender(sendProxyCode)
  const [errors, setErrors] = useState<FieldErrors<'phone' | 'code' | 'captcha'>>({})
  const [done, setDone] = useState<ProxyRegistrationResult | null>(null)

  const cleanPhone = phone.replace(/[\s-]/g, '')
  const send = async () => {
    if (!PHONE.test(cleanPhone)) return setErrors({ phone: '请输入老人自己的11位手机号' })
    setErrors({})
    const err = await request(cleanPhone)
    if (err) setErrors(fieldErrorsFrom(err, ['phone', 'code', 'captcha'] as const))
  }

  const submit = async (v: ProfileValues) => {
    if (!PHONE.test(cleanPhone)) {
      setErrors({ phone: '请输入老人自己的11位手机号' })
      throw new ApiError('VALIDATION_FAILED', '请先在第二步填写老人的手机号', null, 'phone')
    }
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: '请输入老人读给您的6位验证码' })
      throw new ApiError('VALIDATION_FAILED', '请先在第二步填写老人读给您的验证码', null, 'code')
    }
    setErrors({})
    let result: ProxyRegistrationResult
    try {
      result = await registerForSomeone({
        phone: cleanPhone,
        code: code.trim(),
        name: v.name.trim(),
        birthDate: v.birthDate,
        townshipCode: v.townshipCode,
        villageCode: v.villageCode,
        consentVersion: PRIVACY_POLICY.version,
        as: asGrid ? 'grid' : 'family',
        ...(!asGrid && relation ? { relation } : {})
      })
    } catch (err) {
      // A wrong code or a taken phone belongs to step two; the form below says it too.
      setErrors(fieldErrorsFrom(err, ['phone', 'code'] as const))
      throw err
    }
    setDone(result)
    toast('登记成功')
  }

  if (registration !== 'registered') {
    return (
      <RegistrationGate registration={registration} pageClass="proxy-page" title="代登记">
        <Text className="proxy-page__text">请先完成您自己的登记，再帮家人登记。</Text>
      </RegistrationGate>
    )
  }

  return (
    <View className="proxy-page" role="main">
      <InnerNav title={asGrid ? '代登记（网格员）' : '帮家人登记'} />
      <SystemFontSize />
      {done ? (
        <Card>
          <Heading className="proxy-page__title">登记好了</Heading>
          <Text className="proxy-page__text">{`已为 ${done.name}（${done.phone}）登记。TA接到涉诈电话时，会收到预警短信${done.linkId ? '，您也会收到提醒' : ''}。`}</Text>
          <Text className="proxy-page__text">以后TA换了智能手机，用这个手机号登录“守好钱袋子”，就能自己使用这个账号。</Text>
          <AppButton variant="primary" block onClick={() => void Taro.navigateBack()}>
            完成
          </AppButton>
        </Card>
      ) : (
        <>
          <Card>
            <Heading className="proxy-page__title">第一步：先把这些读给老人听</Heading>
            <Text className="proxy-page__text">
              “我帮您登记‘守好钱袋子’反诈预警。登记要用您的姓名、手机号、出生日期和所在村，加密保存，只用来给您发预警短信和统计。您接到诈骗电话时，民警和家人会提醒您。您随时可以注销。”
            </Text>
            <Text className="proxy-page__text">{`老人同意后，验证码会发到老人自己的手机上，请老人把验证码读给您听。（《${PRIVACY_POLICY.title}》${PRIVACY_POLICY.version}版）`}</Text>
          </Card>
          <Card>
            <Heading className="proxy-page__title">第二步：老人的手机号和验证码</Heading>
            <FormField label="老人的手机号" error={errors.phone}>
              <Input
                className="form-input"
                type="number"
                maxlength={11}
                value={phone}
                placeholder="老人自己的手机号"
                {...fieldName('老人的手机号')}
                onInput={(e) => setPhone(e.detail.value)}
              />
            </FormField>
            {captcha ? (
              <CaptchaField challenge={captcha} value={captchaAnswer} onChange={setCaptchaAnswer} onRefresh={() => void newCaptcha()} error={errors.captcha} />
            ) : null}
            <FormField label="老人读给您的验证码" error={errors.code} hint={sent ? '验证码已发到老人的手机，5分钟内有效' : undefined}>
              <View className="proxy-page__code-row">
                <Input
                  className="form-input proxy-page__code"
                  type="number"
                  maxlength={6}
                  value={code}
                  placeholder="6位数字"
                  {...fieldName('老人读给您的验证码')}
                  onInput={(e) => setCode(e.detail.value)}
                />
                <AppButton onClick={() => void send()} loading={sending} disabled={wait > 0}>
                  {wait > 0 ? `${wait}秒后重发` : sent ? '重新发送' : '发送验证码'}
                </AppButton>
              </View>
            </FormField>
            {!asGrid ? (
              <FormField label="TA是我的">
                <SelectField
                  name="TA是我的"
                  value={relation}
                  options={RELATION_OPTIONS}
                  placeholder="请选择（可不选）"
                  onChange={(v) => setRelation(v as FamilyRelation)}
                />
              </FormField>
            ) : null}
          </Card>
          <Card>
            <Heading className="proxy-page__title">第三步：老人的登记信息</Heading>
            <ProfileForm mode="proxy" submitLabel="提交登记" onSubmit={submit} />
          </Card>
        </>
      )}
    </View>
  )
}
