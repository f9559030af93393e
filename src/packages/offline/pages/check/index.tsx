import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { installUrl } from '../../../../platform/url'
import { checkOffline, type LocalBlocklist } from '../../../../../rules/offline'
import { snapshotMayContain } from '../../../../../rules/blocklist-snapshot'
import { loadBlocklistCopy } from '../../../../stores/blocklist'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { toast } from '../../../../components/toast'
import { VerdictCard } from '../../../../components/VerdictCard'
import { MessageVerdict } from '../../../../components/VerdictCard/MessageVerdict'
import { checkedKind, useCheckStore } from '../../../../stores/check'
import './index.scss'

installUrl()

/**
 * The answer without a network: the input the 查号码 tab could not send, judged here by the same rules the server
 * uses (rules/), and said to be provisional. When the network returns the server's answer replaces it.
 */
export default function OfflineCheckPage() {
  const kind = useCheckStore((s) => s.kind)
  const input = useCheckStore((s) => s.input)
  const [confirming, setConfirming] = useState(false)
  // The blocklist's copy on the phone, once read from its file (the answer is given at once, then again with it).
  const [local, setLocal] = useState<LocalBlocklist | null>(null)
  useEffect(() => {
    let live = true
    void loadBlocklistCopy().then((copy) => {
      if (live && copy) setLocal({ builtAt: copy.header.builtAt, mayContain: (k, value) => snapshotMayContain(copy, k, value) })
    })
    return () => {
      live = false
    }
  }, [])
  const answer = useMemo(() => (input.trim() === '' ? null : checkOffline(checkedKind(kind, input), input.trim(), local, new Date())), [kind, input, local])

  // Asks the server again; its answer is shown on the 查号码 tab, so this page steps back to it.
  // A ref, not the state: the network listener below keeps the first render's closure.
  const busy = useRef(false)
  const confirm = useRef(async (quiet: boolean) => {
    if (busy.current) return
    busy.current = true
    setConfirming(true)
    await useCheckStore.getState().run()
    busy.current = false
    setConfirming(false)
    if (useCheckStore.getState().status === 'done') void Taro.navigateBack()
    else if (!quiet) toast('还是连不上网络，请稍后再试')
  }).current

  // The network came back: confirm without being asked.
  useEffect(() => {
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected) void confirm(true)
    }
    Taro.onNetworkStatusChange(onChange)
    return () => Taro.offNetworkStatusChange(onChange)
  }, [confirm])

  return (
    <View className="offline-check" role="main">
      <SystemFontSize />
      <Heading className="offline-check__title" level={1}>
        没有网络时的查询
      </Heading>
      {answer === null ? (
        <StateView kind="empty" message="没有要查的内容，请回到“查号码”输入或粘贴。" />
      ) : !answer.ok ? (
        <StateView kind="error" message={answer.message} />
      ) : 'kind' in answer.result && answer.result.kind === 'message' ? (
        <MessageVerdict result={answer.result} message={input.trim()} offline />
      ) : (
        <VerdictCard result={answer.result} offline />
      )}
      {answer?.ok ? (
        <Card className="offline-check__note">
          <Heading className="offline-check__heading">查了什么</Heading>
          <Text className="offline-check__text">{answer.note.checked}</Text>
          <Heading className="offline-check__heading">没有查什么</Heading>
          <Text className="offline-check__text">{answer.note.notChecked}</Text>
        </Card>
      ) : null}
      <View className="offline-check__actions">
        <AppButton variant="primary" block loading={confirming} label="重试：联网向县反诈中心确认" onClick={() => void confirm(false)}>
          重试
        </AppButton>
      </View>
    </View>
  )
}
