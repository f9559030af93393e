import { Input, Text, Textarea, View } from '@tarojs/components'
import { fieldName } from '../../../../components/a11y'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MyReport, ReportRequest } from '../../../../../types/reports'
import type { CheckKind } from '../../../../../types/kinds'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { FormField } from '../../../../components/FormField'
import { Heading } from '../../../../components/Heading'
import { SelectField } from '../../../../components/SelectField'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag, type TagTone } from '../../../../components/Tag'
import { subpackageUrl } from '../../../../routes'
import { ApiError } from '../../../../services/http'
import { fullDate } from '../../../../lib/dates'
import { getPushConfig, reportSubscriptions } from '../../../../services/bulletins'
import { getMyReports, submitReport, uploadScreenshot } from '../../../../services/reports'
import { useSession } from '../../../../stores/session'
import { useCheckStore } from '../../../../stores/check'
import { useReportQueue } from '../../../../stores/report-queue'
import { toast } from '../../../../components/toast'
import { PhotoPicker, type PickedPhoto } from '../../../../components/PhotoPicker'
import './index.scss'

/** Screenshots a report may carry. */
const MAX_SCREENSHOTS = 3

type Kind = CheckKind
const NOUN: Record<Kind, string> = { phone: '号码', url: '网址', account: '账户', message: '消息' }
const KINDS: readonly string[] = ['url', 'account', 'message']
/** How a report is listed under 我的举报: a message by its first words. */
const shortened = (text: string): string => ([...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text)
const CHANNELS = ['电话', '短信', '微信', 'QQ', '网页或App', '其他'].map((c) => ({ value: c, label: c }))
// Colours keep their meaning: red is a scam (confirmed), never green — a report not confirmed does not make anyone safe.
const STATUS: Record<MyReport['status'], { label: string; tone: TagTone }> = {
  submitted: { label: '已提交', tone: 'neutral' },
  reviewing: { label: '核实中', tone: 'warning' },
  confirmed: { label: '已核实是诈骗', tone: 'danger' },
  rejected: { label: '暂未核实', tone: 'neutral' }
}
/** "12月4日提交 · 电话 · 损失5000元": when and how, for each entry. */
const reportFacts = (r: MyReport): string =>
  [`${fullDate(r.createdAt)}提交`, r.channel, r.lossAmount ? `损失${r.lossAmount}元` : null, r.screenshots.length > 0 ? `截图${r.screenshots.length}张` : null]
    .filter(Boolean)
    .join(' · ')

/** Report a number, address or account to the centre; and see what became of earlier reports. */
export default function ReportPage() {
  const { params } = useRouter()
  const kind: Kind = KINDS.includes(params.kind ?? '') ? (params.kind as Kind) : 'phone'
  // A message comes from the check box (it may be thousands of characters: too long for the page's address).
  const value = kind === 'message' ? useCheckStore.getState().input.trim() : params.value ? decodeURIComponent(params.value) : ''
  const signedIn = useSession((s) => s.tokens !== null)
  const [channel, setChannel] = useState<string | null>(kind === 'phone' ? '电话' : kind === 'message' ? '短信' : null)
  const [loss, setLoss] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState<MyReport | null>(null)
  // Written without a network: kept on the phone and sent when the network returns (stores/report-queue.ts).
  const [queued, setQueued] = useState(false)
  const waiting = useReportQueue((s) => s.items)
  const refused = useReportQueue((s) => s.refused)
  const [mine, setMine] = useState<MyReport[]>([])
  const [screenshots, setScreenshots] = useState<PickedPhoto[]>([])
  // The 举报进展 template: asked for inside the submit tap (WeChat allows requestSubscribeMessage only there).
  const isWeapp = process.env.TARO_ENV === 'weapp'
  const [reportTemplate, setReportTemplate] = useState<string | null>(null)
  useEffect(() => {
    if (isWeapp && signedIn)
      getPushConfig()
        .then((c) => setReportTemplate(c.templates.report))
        .catch(() => {})
  }, [isWeapp, signedIn])

  // Opened from 我的 (no value): the list of my reports; otherwise what is being reported, by its kind.
  const title = value === '' ? '我的举报' : kind === 'message' ? '举报消息' : `举报${NOUN[kind]}`
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => {})
  }, [title])

  const loadMine = () => {
    if (signedIn)
      getMyReports()
        .then((r) => setMine(r.items))
        .catch(() => {})
  }
  useEffect(loadMine, [signedIn, sent])
  // Coming back to the page shows what the centre decided in the meantime (and sends what waited for the network).
  useDidShow(() => {
    loadMine()
    void useReportQueue
      .getState()
      .flush()
      .then((handled) => (handled > 0 ? loadMine() : undefined))
  })
  const sendWaiting = async () => {
    const before = useReportQueue.getState().items.length
    const handled = await useReportQueue.getState().flush()
    if (handled > 0) loadMine()
    else if (before > 0) toast('还是没有网络，联网后会自动发送')
  }

  const submit = async () => {
    if (!/^\d{0,9}$/.test(loss.trim())) return setError('损失金额请填数字（元），没有损失可以不填')
    setError(null)
    if (reportTemplate) {
      // Declining or failing here never blocks the report itself.
      Taro.requestSubscribeMessage({ tmplIds: [reportTemplate], entityIds: [] })
        .then((res) => reportSubscriptions({ [reportTemplate]: String((res as unknown as Record<string, unknown>)[reportTemplate]) }))
        .catch(() => {})
    }
    setSending(true)
    const request: ReportRequest = {
      kind,
      value,
      ...(channel ? { channel } : {}),
      ...(loss.trim() ? { lossAmount: Number(loss.trim()) } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(screenshots.length > 0 ? { screenshots: screenshots.map((s) => s.id) } : {})
    }
    try {
      setSent(await submitReport(request))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK') {
        useReportQueue.getState().enqueue(request)
        setQueued(true)
      } else setError(err instanceof ApiError ? err.message : '提交没有成功，请稍后再试')
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="report-page" role="main">
      <InnerNav title={title} />
      <SystemFontSize />
      {value === '' && signedIn ? null : (
        <Card>
          <Heading className="report-page__title">{kind === 'message' ? '举报这条消息' : `举报这个${NOUN[kind]}`}</Heading>
          {value ? <Text className={kind === 'message' ? 'report-page__message' : 'report-page__value'}>{value}</Text> : null}
          {!signedIn ? (
            <>
              <Text className="report-page__text">举报需要先登记，县反诈中心核实后会告诉您结果。也可以直接拨打 96110 举报。</Text>
              <AppButton variant="primary" block onClick={() => void Taro.navigateTo({ url: subpackageUrl('account', 'register', { then: 'back' }) })}>
                登记 / 登录后举报
              </AppButton>
            </>
          ) : queued ? (
            <View role="status">
              <Text className="report-page__text">没有网络：举报已保存在这台手机上，联网后会自动发送，只发送一次。发送前可以在下面“等待发送”里看到它。</Text>
            </View>
          ) : sent ? (
            <View role="status">
              <Text className="report-page__text">{`已提交。县反诈中心核实后，结果会显示在下面的“我的举报”里${reportTemplate ? '；订阅了举报进展的，还会收到微信提醒' : ''}。`}</Text>
            </View>
          ) : (
            <View>
              <FormField label="对方怎么联系您的">
                <SelectField name="对方怎么联系您的" value={channel} options={CHANNELS} placeholder="请选择" onChange={setChannel} />
              </FormField>
              <FormField label="损失金额（元，没有可不填）">
                <Input
                  className="form-input"
                  type="number"
                  maxlength={9}
                  value={loss}
                  placeholder="例如 5000"
                  {...fieldName('损失金额（元，没有可不填）')}
                  onInput={(e) => setLoss(e.detail.value)}
                />
              </FormField>
              <FormField label="发生了什么（选填）" hint="最多1000字">
                <Textarea
                  className="report-page__textarea"
                  maxlength={1000}
                  value={description}
                  placeholder="例如：对方自称快递客服，说要给我理赔…"
                  {...fieldName('发生了什么（选填）')}
                  onInput={(e) => setDescription(e.detail.value)}
                />
              </FormField>
              <FormField label="聊天记录、短信或转账截图（选填）" hint={`最多${MAX_SCREENSHOTS}张；上传时会去掉照片里的位置等信息`}>
                <PhotoPicker value={screenshots} onChange={setScreenshots} upload={uploadScreenshot} max={MAX_SCREENSHOTS} noun="截图" />
              </FormField>
              {error ? (
                <View className="form-field__error" role="alert">
                  {error}
                </View>
              ) : null}
              <AppButton variant="primary" block loading={sending} onClick={() => void submit()}>
                提交举报
              </AppButton>
            </View>
          )}
          <AppButton block className="report-page__call" onClick={() => void Taro.makePhoneCall({ phoneNumber: '96110' }).catch(() => {})}>
            拨打 96110 举报
          </AppButton>
        </Card>
      )}
      {waiting.length > 0 || refused ? (
        <Card>
          <Heading className="report-page__title">等待发送</Heading>
          {refused ? (
            <View className="form-field__error" role="alert">
              {refused}
            </View>
          ) : null}
          {waiting.map((r) => (
            <View key={r.id} className="report-page__mine">
              <View className="report-page__mine-head">
                <Text className="report-page__mine-value">{`${NOUN[r.request.kind]}：${r.request.kind === 'message' ? shortened(r.request.value) : r.request.value}`}</Text>
                <Tag tone="neutral">等待联网</Tag>
              </View>
              <Text className="report-page__mine-facts">{`${fullDate(new Date(r.savedAt).toISOString())}写好，联网后自动发送`}</Text>
            </View>
          ))}
          {waiting.length > 0 ? (
            <AppButton block onClick={() => void sendWaiting()}>
              现在发送
            </AppButton>
          ) : null}
        </Card>
      ) : null}
      {signedIn && (mine.length > 0 || value === '') ? (
        <Card>
          <Heading className="report-page__title">{value === '' ? '举报记录' : '我的举报'}</Heading>
          {mine.length === 0 ? <Text className="report-page__text">还没有举报记录。查询结果下方可以一键举报。</Text> : null}
          {mine.map((r) => (
            <View key={r.id} className="report-page__mine">
              <View className="report-page__mine-head">
                <Text className="report-page__mine-value">{`${NOUN[r.kind]}：${r.kind === 'message' ? shortened(r.input) : r.input}`}</Text>
                <Tag tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Tag>
              </View>
              <Text className="report-page__mine-facts">{reportFacts(r)}</Text>
              {r.outcome ? <Text className="report-page__text">{r.outcome}</Text> : null}
              {r.status === 'rejected' ? <Text className="report-page__text">如果对方还让您转账、要验证码，请立即挂断，拨打 96110。</Text> : null}
            </View>
          ))}
        </Card>
      ) : null}
    </View>
  )
}
