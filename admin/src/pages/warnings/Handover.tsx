import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Modal, Select, Space, Typography } from 'antd'
import type { TaskSummary, WarningSummary } from '../../../../types/warnings'
import { useAreas } from '../../hooks/useAreas'
import { placeWarning, reassignTask, releaseTask, taskHolders } from '../../services/warnings'
import { messageOf } from '../../services/http'
import { useAction } from '../../hooks/useAction'
import { ROLE_NAMES } from '../../access'

/**
 * 所在地: the township (and village) of the person at risk — which station visits. The operator asks the person on
 * the call; the centre assigns a visit nobody could place. Saving moves the warning's live tasks to that station.
 */
export function PlacePicker({
  warning,
  onPlaced,
  compact = false
}: {
  warning: Pick<WarningSummary, 'id' | 'townshipCode'> & { villageCode?: string | null }
  onPlaced: () => void
  compact?: boolean
}) {
  const { townships } = useAreas()
  const { message } = App.useApp()
  const [township, setTownship] = useState<string | undefined>(warning.townshipCode ?? undefined)
  const [village, setVillage] = useState<string | undefined>(warning.villageCode ?? undefined)
  const { busy, error, run } = useAction()
  const villages = townships.find((t) => t.code === township)?.villages ?? []
  const save = () =>
    run(async () => {
      if (!township) return
      await placeWarning(warning.id, { townshipCode: township, ...(village ? { villageCode: village } : {}) })
      message.success('所在地已保存，任务已交给该乡镇派出所')
      onPlaced()
    })
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          aria-label="所在乡镇"
          placeholder="选择乡镇"
          style={{ minWidth: compact ? 140 : 180 }}
          value={township}
          showSearch
          optionFilterProp="label"
          onChange={(v: string) => {
            setTownship(v)
            setVillage(undefined)
          }}
          options={townships.map((t) => ({ value: t.code, label: t.name }))}
        />
        <Select
          aria-label="所在村（社区）"
          placeholder="选择村（社区，选填）"
          style={{ minWidth: compact ? 160 : 200 }}
          value={village}
          allowClear
          showSearch
          optionFilterProp="label"
          disabled={!township}
          onChange={(v: string | undefined) => setVillage(v)}
          options={villages.map((v) => ({ value: v.code, label: v.name }))}
        />
        <Button type="primary" loading={busy} disabled={!township} onClick={() => void save()}>
          保存所在地
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Flex>
  )
}

/** A button that opens PlacePicker in a dialog: 指派派出所 on the board, 更改所在地 on a warning. */
export function PlaceButton({
  warning,
  label,
  onPlaced
}: {
  warning: Pick<WarningSummary, 'id' | 'townshipCode' | 'phoneMasked'>
  label: string
  onPlaced: () => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`${label}：${warning.phoneMasked}`}>
        {label}
      </Button>
      <Modal open={open} title={`${label}：${warning.phoneMasked}`} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">选择当事人所在的乡镇，上门任务交给该乡镇派出所；正在别的派出所手里的上门任务会退回队列。</Typography.Paragraph>
        <PlacePicker
          warning={warning}
          onPlaced={() => {
            setOpen(false)
            onPlaced()
          }}
        />
      </Modal>
    </>
  )
}

/**
 * 转派 and 强制退回 for a task someone holds (or waits): the centre hands it to a colleague with a police number, or puts
 * it back in the queue when its holder has gone home. Each is on the warning's timeline with who did it.
 */
export function TaskHandover({
  task,
  phoneMasked,
  canRelease,
  onDone
}: {
  task: Pick<TaskSummary, 'id' | 'kind' | 'status' | 'claimedBy'>
  phoneMasked: string
  /** Whether this role may force a release of this kind (the server decides again). */
  canRelease: boolean
  onDone: () => void
}) {
  const { message, modal } = App.useApp()
  const [choosing, setChoosing] = useState(false)
  const [to, setTo] = useState<string>()
  const { busy, error, run } = useAction()
  const holders = useQuery({ queryKey: ['holders', task.kind, task.id], queryFn: () => taskHolders(task.kind, task.id), enabled: choosing })
  const live = task.status === 'open' || task.status === 'claimed'
  if (!live) return null
  const what = `${task.kind === 'call' ? '电话' : '上门'}任务 ${phoneMasked}`
  const release = () =>
    modal.confirm({
      title: `强制退回${what}？`,
      content: `${task.claimedBy ?? ''}将不能再记录这个任务，号码和核验码失效，任务回到队列等待领取。`,
      okText: '退回',
      cancelText: '取消',
      onOk: async () => {
        try {
          await releaseTask(task.kind, task.id)
          message.success('已退回队列')
          onDone()
        } catch (err) {
          message.error(messageOf(err))
        }
      }
    })
  const reassign = () =>
    run(async () => {
      if (!to) return
      await reassignTask(task.kind, task.id, to)
      message.success('已转派')
      setChoosing(false)
      onDone()
    })
  return (
    <>
      <Space wrap size={4}>
        <Button size="small" onClick={() => setChoosing(true)} aria-label={`转派${what}`}>
          转派
        </Button>
        {task.status === 'claimed' && canRelease ? (
          <Button size="small" danger onClick={release} aria-label={`强制退回${what}`}>
            强制退回
          </Button>
        ) : null}
      </Space>
      <Modal
        open={choosing}
        title={`转派${what}`}
        okText="转派"
        cancelText="取消"
        onOk={() => void reassign()}
        okButtonProps={{ disabled: !to, loading: busy }}
        onCancel={() => setChoosing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {`${task.claimedBy ? `现在由 ${task.claimedBy} 处理。` : ''}转派后对方直接拿到任务和新的核验码，原来的核验码失效。`}
        </Typography.Paragraph>
        {holders.error ? <Alert type="error" showIcon title={messageOf(holders.error)} /> : null}
        <Select
          aria-label="转派给"
          placeholder="选择同事"
          style={{ width: '100%' }}
          value={to}
          onChange={setTo}
          loading={holders.isLoading}
          options={(holders.data ?? []).map((h) => ({ value: h.id, label: `${h.name}（${h.unit ?? ROLE_NAMES[h.role]}，手上 ${h.holding} 个任务）` }))}
        />
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      </Modal>
    </>
  )
}
