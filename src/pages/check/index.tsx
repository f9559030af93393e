import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect } from 'react'
import { revealAnswer } from '../../platform/answer-focus'
import { pressable, fieldName } from '../../components/a11y'
import { ClipboardUnavailable, readClipboard } from '../../platform/clipboard'
import { AppButton } from '../../components/AppButton'
import { Heading } from '../../components/Heading'
import { SystemFontSize } from '../../components/SystemFontSize'
import { Card } from '../../components/Card'
import { StateView } from '../../components/StateView'
import { SegmentedChoice } from '../../components/SegmentedChoice'
import { Tag, type TagTone } from '../../components/Tag'
import { toast } from '../../components/toast'
import { UrgentBanner } from '../../components/UrgentBanner'
import { WarningCards } from '../../components/WarningCard'
import { useBulletins } from '../../stores/bulletins'
import { VerdictCard } from '../../components/VerdictCard'
import { MessageVerdict } from '../../components/VerdictCard/MessageVerdict'
import { VERDICT_STYLE } from '../../components/VerdictCard/verdict-style'
import { useCheckStore, type CheckKind, type CheckResult } from '../../stores/check'
import { useRecentChecks } from '../../stores/recent-checks'
import { useSession } from '../../stores/session'
import { useBlocklistCopy } from '../../stores/blocklist'
import { subpackageUrl } from '../../routes'
import type { CheckMessageResponse, Verdict } from '../../../types/check'
import { MAX_MESSAGE_LENGTH } from '../../../types/check-limits'
import './index.scss'

// The first choice takes anything and is what the page opens on: a resident who got a message pastes it without choosing.
const KINDS: Array<{ kind: CheckKind; label: string; title: string; placeholder: string; examples: string[]; paste: string }> = [
  {
    kind: 'any',
    label: '全部',
    title: '收到可疑短信、电话、链接？粘贴一查',
    placeholder: '粘贴整条短信、聊天，或输入号码、网址',
    examples: ['00852 9876 5432', '【建设银行】您的账户异常，请登录 ccb-yz.top 验证'],
    paste: '粘贴一查'
  },
  {
    kind: 'phone',
    label: '号码',
    title: '来电是不是诈骗？一查便知',
    placeholder: '输入或粘贴来电号码',
    examples: ['00852 9876 5432', '+86 95588'],
    paste: '粘贴号码'
  },
  {
    kind: 'url',
    label: '网址',
    title: '链接能不能点？一查便知',
    placeholder: '输入或粘贴短信、聊天里的网址',
    examples: ['t.cn/A6abc', 'icbc.com.cn@evil.example'],
    paste: '粘贴网址'
  },
  {
    kind: 'account',
    label: '账户',
    title: '收款账户可靠吗？一查便知',
    placeholder: '银行卡号、支付宝或微信账号',
    examples: ['6222 0202 0011 2233 440'],
    paste: '粘贴账户'
  }
]
/** The node the answer (or its error) is rendered in: scrolled to and focused when it arrives. */
const ANSWER_ID = 'check-answer'
const TONE: Record<Verdict, TagTone> = { dangerous: 'danger', suspicious: 'warning', unknown: 'neutral', safe: 'success' }

export default function CheckPage() {
  const { kind, input, status, result, error, tip, setKind, setInput, run } = useCheckStore()
  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0]
  const recent = useRecentChecks((s) => s.items)
  const signedIn = useSession((s) => s.tokens !== null)
  const clearRecent = useRecentChecks((s) => s.clear)
  // An urgent bulletin is announced on the first screen residents see (and the 预警 badge kept current).
  useDidShow(() => {
    const bulletins = useBulletins.getState()
    void (useSession.getState().tokens ? bulletins.loadUnread() : bulletins.refresh())
    // The blocklist's copy for checks without a network: its changes, a few times a day at most.
    void useBlocklistCopy.getState().refresh()
  })

  const paste = async () => {
    let data: string
    try {
      data = (await readClipboard()).trim()
    } catch (e) {
      toast(
        e instanceof ClipboardUnavailable && e.reason === 'unsupported'
          ? '这个浏览器不能直接读取剪贴板，请长按输入框，选“粘贴”'
          : '没能读取剪贴板（浏览器没有允许），请长按输入框，选“粘贴”'
      )
      return
    }
    if (data === '') {
      toast('剪贴板里没有内容')
      return
    }
    setInput(data)
    await run(data)
  }

  const clearAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空最近查过？',
      content: '清空后，这台手机上的查询记录不能恢复。',
      confirmText: '清空',
      cancelText: '不清空'
    })
    if (confirm) clearRecent()
  }

  // No network: the rules on the phone answer first (packages/offline); the server confirms when the network returns.
  const openOffline = useCallback(
    () => void Taro.navigateTo({ url: subpackageUrl('offline', 'check') }).catch(() => toast('没能打开离线查询，请联网后重试')),
    []
  )
  // Once per check that found no network (typing afterwards does not open it again).
  useEffect(() => {
    if (status === 'offline') openOffline()
  }, [status, openOffline])

  // The answer is brought into view when it arrives (at large text it starts below the screen) and, in H5, focused.
  useEffect(() => {
    if (status !== 'done' && status !== 'error') return
    // After the answer's render is laid out (a moment after React commits it, in both builds).
    const timer = setTimeout(() => revealAnswer(ANSWER_ID), 50)
    return () => clearTimeout(timer)
  }, [status, result])

  return (
    <View className="check-page" role="main">
      <SystemFontSize />
      <UrgentBanner />
      <WarningCards />
      <Card className="check-box">
        <View className="check-kinds">
          <SegmentedChoice name="查什么" value={kind} options={KINDS.map((k) => ({ value: k.kind, label: k.label }))} onChange={setKind} />
        </View>
        <Heading className="check-box__title" level={1}>
          {current.title}
        </Heading>
        <Input
          className="check-box__input"
          type="text"
          value={input}
          placeholder={current.placeholder}
          {...fieldName(current.title)}
          // Never cut a paste silently: a whole message may be pasted into any mode (the server refuses past 5,000).
          maxlength={MAX_MESSAGE_LENGTH}
          confirmType="search"
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => void run()}
        />
        <View className="check-box__actions">
          <AppButton className="check-box__paste" onClick={() => void paste()}>
            {current.paste}
          </AppButton>
          <AppButton className="check-box__go" variant="primary" loading={status === 'loading'} onClick={() => void run()}>
            查一查
          </AppButton>
        </View>
        <View className="check-box__examples">
          <Text className="check-box__hint">试一试：</Text>
          {current.examples.map((ex) => (
            <Text
              key={ex}
              className="check-box__example"
              {...pressable(
                () => {
                  setInput(ex)
                  void run(ex)
                },
                'button',
                `试一试：${ex}`
              )}
            >
              {ex}
            </Text>
          ))}
        </View>
      </Card>

      <View id={ANSWER_ID}>
        {status === 'loading' && !result ? <StateView kind="loading" message="正在查询，请稍候…" /> : null}
        {status === 'error' && error ? (
          <StateView
            kind="error"
            message={error.message}
            onRetry={['EMPTY', 'INVALID_NUMBER', 'INVALID_URL', 'INVALID_ACCOUNT', 'INVALID_MESSAGE'].includes(error.code) ? undefined : () => void run()}
          />
        ) : null}
        {status === 'offline' ? (
          <View className="check-offline" role="alert">
            <Text className="check-offline__text">没有网络，连不上县反诈中心。已在手机上按规则先查了一遍（离线判断，联网后会再确认）。</Text>
            <View className="check-offline__actions">
              <AppButton variant="primary" onClick={openOffline}>
                看离线结果
              </AppButton>
              <AppButton onClick={() => void run()}>重试</AppButton>
            </View>
          </View>
        ) : null}
        {result && status !== 'error' ? (
          'kind' in result && result.kind === 'message' ? (
            <MessageVerdict result={result} message={input} tip={tip} />
          ) : (
            <VerdictCard result={result as Exclude<CheckResult, CheckMessageResponse>} />
          )
        ) : null}
      </View>

      <Card className="recent">
        <View className="recent__head">
          <Heading className="recent__title">最近查过</Heading>
          {recent.length > 0 ? (
            <AppButton onClick={() => void clearAll()} label="清空最近查过">
              清空
            </AppButton>
          ) : null}
        </View>
        {recent.length === 0 ? (
          <Text className="recent__empty">
            {signedIn
              ? '还没有查过。登录后查过的内容也记在您的账户里，可以在“我的数据”里查看。'
              : '还没有查过。没有登录时，查过的号码、网址和账户只保存在这台手机上。'}
          </Text>
        ) : (
          recent.map((item) => (
            <View
              key={`${item.kind ?? 'phone'}:${item.input}`}
              className="recent__item"
              {...pressable(() => {
                setKind(item.kind ?? 'phone')
                setInput(item.input)
                void run(item.input, item.kind ?? 'phone')
              }, 'button')}
            >
              <Text className="recent__number">{item.input}</Text>
              <Tag tone={TONE[item.verdict]}>{VERDICT_STYLE[item.verdict].label}</Tag>
            </View>
          ))
        )}
      </Card>
    </View>
  )
}
