import { Input, Text, View } from '@tarojs/components'
import { fieldName } from '../../../../components/a11y'
import dayjs from 'dayjs'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { Family, FamilyInvite, FamilyInvitePreview, FamilyMember } from '../../../../../types/family'
import { FAMILY_RELATIONS, FAMILY_RELATION_NAMES, type FamilyRelation, type FamilyRole } from '../../../../../types/family-wording'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { FormField } from '../../../../components/FormField'
import { Heading } from '../../../../components/Heading'
import { InnerNav } from '../../../../components/InnerNav'
import { RegistrationGate, useRegistration } from '../../../../components/RegistrationGate'
import { SegmentedChoice } from '../../../../components/SegmentedChoice'
import { SelectField } from '../../../../components/SelectField'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { toast } from '../../../../components/toast'
import { subpackageUrl } from '../../../../routes'
import { acceptFamilyInvite, cancelFamilyInvite, createFamilyInvite, getFamily, previewFamilyInvite, removeFamilyLink } from '../../../../services/family'
import { getPushConfig, reportSubscriptions } from '../../../../services/bulletins'
import { ApiError } from '../../../../services/http'
import './index.scss'

// Read at render (a build-time constant in Taro builds) so tests can render both platforms.
const isWeapp = () => process.env.TARO_ENV === 'weapp'
const RELATION_OPTIONS = FAMILY_RELATIONS.map((r) => ({ value: r, label: FAMILY_RELATION_NAMES[r] }))
const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback)

/**
 * 家人守护: who I guard and who guards me (masked names), an invitation code to give a family member, a code from
 * one to accept, and 代登记 for a parent without a smartphone. A share card opens this page with the code filled in.
 */
export default function FamilyPage() {
  const registration = useRegistration()
  const registered = registration === 'registered'
  const sharedCode = useRouter().params.code ?? ''
  const [family, setFamily] = useState<Family | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const load = useCallback(() => {
    if (!registered) return
    setProblem(null)
    getFamily()
      .then(setFamily)
      .catch((err: unknown) => setProblem(message(err, '加载失败，请稍后再试')))
  }, [registered])
  // Once the registration is known (and on every return to the page: a link may have changed elsewhere).
  useEffect(load, [load])
  useDidShow(load)

  if (registration !== 'registered') {
    return (
      <RegistrationGate registration={registration} pageClass="family-page" title="家人守护">
        <Heading className="family-page__title">守护家人，也请家人守护您</Heading>
        <Text className="family-page__text">家人接到涉诈电话时，您会马上收到提醒，可以第一时间打电话劝阻。登记后就能使用。</Text>
        {sharedCode ? <Text className="family-page__text">{`家人给您的邀请码：${sharedCode}。登记后回到这里即可接受。`}</Text> : null}
      </RegistrationGate>
    )
  }

  return (
    <View className="family-page" role="main">
      <InnerNav title="家人守护" />
      <SystemFontSize />
      {problem ? (
        <StateView kind="error" message={problem} onRetry={load} />
      ) : !family ? (
        <StateView kind="loading" message="正在加载…" />
      ) : (
        <>
          <Members family={family} onChange={setFamily} />
          {isWeapp() && family.guarding.length > 0 ? <WeChatReminder /> : null}
          <AcceptInvite initialCode={sharedCode} onAccepted={setFamily} />
          <NewInvite family={family} onChange={load} />
          <Card>
            <Heading className="family-page__title">帮家人登记（代登记）</Heading>
            <Text className="family-page__text">
              家里老人没有智能手机？用他自己的手机号帮他登记：验证码发到老人手机上，由老人读给您听，就表示他同意。登记后他会收到预警短信，您也会收到提醒。
            </Text>
            <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('account', 'proxy', { as: 'family' }) })}>
              帮家人登记
            </AppButton>
          </Card>
        </>
      )}
    </View>
  )
}

function Members({ family, onChange }: { family: Family; onChange: (f: Family) => void }) {
  const remove = async (m: FamilyMember, guarding: boolean) => {
    const answer = await Taro.showModal({
      title: '解除守护关系？',
      content: guarding ? `解除后，${m.name}接到涉诈电话时您不会再收到提醒。` : `解除后，${m.name}不会再收到您的预警提醒。`,
      confirmText: '解除',
      cancelText: '不解除'
    })
    if (!answer.confirm) return
    try {
      onChange(await removeFamilyLink(m.linkId))
      toast('已解除')
    } catch (err) {
      toast(message(err, '解除没有成功，请稍后再试'))
    }
  }
  const row = (m: FamilyMember, guarding: boolean) => (
    <View key={m.linkId} className="family-page__member" role="listitem">
      <View>
        <Text className="family-page__member-name">{m.name}</Text>
        <Text className="family-page__text">{m.relation ? `（${FAMILY_RELATION_NAMES[m.relation]}）` : '（家人）'}</Text>
        {m.proxyRegistered ? <Tag tone="neutral">代登记</Tag> : null}
      </View>
      <AppButton label={`解除与${m.name}的守护关系`} onClick={() => void remove(m, guarding)}>
        解除
      </AppButton>
    </View>
  )
  return (
    <>
      <Card>
        <Heading className="family-page__title">我守护的家人</Heading>
        {family.guarding.length === 0 ? (
          <Text className="family-page__text">还没有。TA接到涉诈电话时，您会马上收到提醒。</Text>
        ) : (
          <View role="list" aria-label="我守护的家人">
            {family.guarding.map((m) => row(m, true))}
          </View>
        )}
      </Card>
      <Card>
        <Heading className="family-page__title">守护我的家人</Heading>
        {family.guardedBy.length === 0 ? (
          <Text className="family-page__text">还没有。您接到涉诈电话时，守护您的家人会收到提醒。</Text>
        ) : (
          <View role="list" aria-label="守护我的家人">
            {family.guardedBy.map((m) => row(m, false))}
          </View>
        )}
        <Text className="family-page__text">{`已有 ${family.used} 个守护关系，最多 ${family.limit} 个。家人只能看到您姓名的第一个字，看不到您的查询记录和举报。`}</Text>
      </Card>
    </>
  )
}

/**
 * A guardian's copies come by subscribe message when they hold a credit of the warning template (otherwise by SMS).
 * requestSubscribeMessage must run inside the tap, so the template id is fetched when the card shows.
 */
function WeChatReminder() {
  const [templateId, setTemplateId] = useState<string | null>(null)
  useEffect(() => {
    getPushConfig()
      .then((c) => setTemplateId(c.templates.warning))
      .catch(() => {})
  }, [])
  const subscribe = () => {
    if (!templateId) return
    Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] })
      .then((res) => {
        const answer = String((res as unknown as Record<string, unknown>)[templateId])
        return reportSubscriptions({ [templateId]: answer }).then(() =>
          toast(answer === 'accept' ? '已开启：家人接到涉诈电话时，微信会提醒您' : '没有开启，会改用短信提醒您')
        )
      })
      .catch((err: unknown) => toast(message(err, '没有开启成功，请稍后再试')))
  }
  return (
    <Card>
      <Heading className="family-page__title">微信提醒</Heading>
      <Text className="family-page__text">家人接到涉诈电话时，先用微信消息提醒您；没有开启时用短信提醒。</Text>
      <AppButton variant="primary" block disabled={!templateId} onClick={subscribe}>
        开启微信提醒
      </AppButton>
    </Card>
  )
}

function AcceptInvite({ initialCode, onAccepted }: { initialCode: string; onAccepted: (f: Family) => void }) {
  const [code, setCode] = useState(initialCode)
  const [error, setError] = useState<string | null>(null)
  const [preview, setPreview] = useState<FamilyInvitePreview | null>(null)
  const [busy, setBusy] = useState(false)
  const look = async () => {
    if (code.replace(/[\s-]/g, '').length !== 8) {
      setError('邀请码是8位字母和数字')
      return
    }
    setError(null)
    setBusy(true)
    try {
      setPreview(await previewFamilyInvite(code))
    } catch (err) {
      setError(message(err, '没有查到这个邀请码，请稍后再试'))
    } finally {
      setBusy(false)
    }
  }
  const accept = async () => {
    setBusy(true)
    try {
      onAccepted(await acceptFamilyInvite(code))
      setPreview(null)
      setCode('')
      toast('守护关系已建立')
    } catch (err) {
      setPreview(null)
      setError(message(err, '没有成功，请稍后再试'))
    } finally {
      setBusy(false)
    }
  }
  const who = preview ? `${preview.inviterName}${preview.relation ? `（您的${FAMILY_RELATION_NAMES[preview.relation]}）` : ''}` : ''
  return (
    <Card>
      <Heading className="family-page__title">输入家人给的邀请码</Heading>
      <FormField label="邀请码" error={error}>
        <Input
          className="form-input"
          maxlength={12}
          value={code}
          placeholder="8位，例如 ABCD EFGH"
          {...fieldName('邀请码')}
          onInput={(e) => {
            setCode(e.detail.value)
            setPreview(null)
          }}
        />
      </FormField>
      {preview ? (
        <View className="family-page__actions" role="group" aria-label="确认邀请">
          <Text className="family-page__text">
            {preview.inviterRole === 'guardian' ? `${who}想守护您：您接到涉诈电话时，TA会收到提醒。` : `${who}请您守护TA：TA接到涉诈电话时，您会收到提醒。`}
          </Text>
          <AppButton variant="primary" block loading={busy} onClick={() => void accept()}>
            接受
          </AppButton>
          <AppButton block onClick={() => setPreview(null)}>
            不接受
          </AppButton>
        </View>
      ) : (
        <AppButton block loading={busy} onClick={() => void look()}>
          查看邀请
        </AppButton>
      )}
    </Card>
  )
}

function NewInvite({ family, onChange }: { family: Family; onChange: () => void }) {
  const [role, setRole] = useState<FamilyRole>('guardian')
  const [relation, setRelation] = useState<FamilyRelation | null>(null)
  const [invite, setInvite] = useState<FamilyInvite | null>(null)
  const [busy, setBusy] = useState(false)
  useShareAppMessage(() => ({
    title: invite?.role === 'ward' ? '请在“守好钱袋子”里守护我' : '我想在“守好钱袋子”里守护您',
    path: invite ? `/${subpackageUrl('family', 'index', { code: invite.code.replace(' ', '') }).slice(1)}` : `/${subpackageUrl('family', 'index').slice(1)}`
  }))
  const make = async () => {
    setBusy(true)
    try {
      setInvite(await createFamilyInvite({ role, ...(relation ? { relation } : {}) }))
      onChange()
    } catch (err) {
      toast(message(err, '没有生成成功，请稍后再试'))
    } finally {
      setBusy(false)
    }
  }
  const copy = () => {
    if (!invite) return
    Taro.setClipboardData({ data: invite.shareText })
      .then(() => toast('已复制，可以粘贴发给家人'))
      .catch(() => toast('复制没有成功，请把邀请码念给家人听'))
  }
  const withdraw = async (id: string) => {
    try {
      await cancelFamilyInvite(id)
      if (invite?.id === id) setInvite(null)
      onChange()
      toast('邀请已撤回')
    } catch (err) {
      toast(message(err, '撤回没有成功，请稍后再试'))
    }
  }
  return (
    <Card>
      <Heading className="family-page__title">邀请家人</Heading>
      <SegmentedChoice
        name="邀请方式"
        value={role}
        options={[
          { value: 'guardian', label: '我来守护TA' },
          { value: 'ward', label: '请TA守护我' }
        ]}
        onChange={(v) => {
          setRole(v)
          setInvite(null)
        }}
      />
      <FormField label="对方是我的">
        <SelectField
          name="对方是我的"
          value={relation}
          options={RELATION_OPTIONS}
          placeholder="请选择（可不选）"
          onChange={(v) => setRelation(v as FamilyRelation)}
        />
      </FormField>
      <AppButton variant="primary" block loading={busy} onClick={() => void make()}>
        生成邀请码
      </AppButton>
      {invite ? (
        <View className="family-page__actions" role="region" aria-label="邀请码">
          <Text className="family-page__text">把邀请码告诉家人，请TA在“我的—家人守护”里输入（24小时内有效）：</Text>
          <Text className="family-page__code" aria-label={`邀请码 ${invite.code.split('').join(' ')}`}>
            {invite.code}
          </Text>
          {isWeapp() ? (
            <AppButton variant="primary" block openType="share">
              发给微信里的家人
            </AppButton>
          ) : null}
          <AppButton block onClick={copy}>
            复制邀请信息
          </AppButton>
        </View>
      ) : null}
      {family.invites.length > 0 ? (
        <View role="list" aria-label="未使用的邀请">
          {family.invites.map((i) => (
            <View key={i.id} className="family-page__member" role="listitem">
              <Text className="family-page__text">{`${i.role === 'guardian' ? '我来守护TA' : '请TA守护我'}，${dayjs(i.expiresAt).format('M月D日H:mm')}前有效`}</Text>
              <AppButton label="撤回这个邀请" onClick={() => void withdraw(i.id)}>
                撤回
              </AppButton>
            </View>
          ))}
        </View>
      ) : null}
    </Card>
  )
}
