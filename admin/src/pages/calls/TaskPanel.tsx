import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd'
import type { TaskCard } from '../../../../types/warnings'
import { CALL_RESULTS, RESULT_NAMES, RISK_TYPE_NAMES, VISIT_RESULTS, type CallResult, type VisitResult } from '../../../../types/warning-wording'
import { StatusTag } from '../../components/StatusTag'
import { chinaTime, clock, yuan } from '../../lib/labels'
import { messageOf } from '../../services/http'
import { place, RiskTag } from '../warnings/labels'
import { PlacePicker } from '../warnings/Handover'
import { PersonFacts } from '../warnings/Person'

type Result = CallResult | VisitResult
export interface RecordValues {
  result: Result
  amount?: number
  escalate?: boolean
  note?: string
}

const DRAFT_KEY = (taskId: string) => `qiandai.admin.draft.task.${taskId}`

/**
 * The result form as typed, kept per task in this tab (like the bulletin draft): a session that ends mid-call sends
 * the operator to sign in again, and the task they still hold comes back with its form filled in.
 */
export const taskDrafts = {
  load(taskId: string): Partial<RecordValues> | undefined {
    try {
      const raw = sessionStorage.getItem(DRAFT_KEY(taskId))
      return raw ? (JSON.parse(raw) as Partial<RecordValues>) : undefined
    } catch {
      return undefined
    }
  },
  save(taskId: string, values: Partial<RecordValues>): void {
    sessionStorage.setItem(DRAFT_KEY(taskId), JSON.stringify(values))
  },
  clear(taskId: string): void {
    sessionStorage.removeItem(DRAFT_KEY(taskId))
  }
}

/**
 * The task in hand: the number to dial (a tel: link, so an officer's phone calls it), the code to read out with the
 * police number, the script, and the result form. Used by the call queue and the visit list.
 */
export function TaskPanel({
  card,
  policeNumber,
  onRecord,
  onRelease,
  onAccompany
}: {
  card: TaskCard
  policeNumber: string | null
  onRecord: (values: RecordValues) => Promise<void>
  onRelease: () => Promise<void>
  /** Visits: ask a grid worker of the village to come along. */
  onAccompany?: (residentId: string, note: string) => Promise<void>
}) {
  const kind = card.task.kind
  const [form] = Form.useForm<RecordValues>()
  const [restored] = useState(() => taskDrafts.load(card.task.id))
  const result = Form.useWatch('result', form)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const results: readonly Result[] = kind === 'call' ? CALL_RESULTS : VISIT_RESULTS
  const submit = async (values: RecordValues) => {
    setError(null)
    setBusy(true)
    try {
      await onRecord({ ...values, ...(values.note?.trim() ? { note: values.note.trim() } : { note: undefined }) })
      taskDrafts.clear(card.task.id)
      form.resetFields()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  const w = card.warning
  const queryClient = useQueryClient()
  return (
    <Card title={`${kind === 'call' ? '正在拨打' : '正在上门'}：${w.phoneMasked}`} extra={<RiskTag level={w.riskLevel} />} style={{ borderColor: '#b71c1c' }}>
      <Flex vertical gap={12}>
        <Space wrap size="large">
          <Typography.Text style={{ fontSize: 22 }} strong>
            <a href={`tel:${card.phone ?? ''}`} aria-label={`拨打 ${card.phone ?? ''}`}>
              {card.phone}
            </a>
          </Typography.Text>
          <Typography.Text style={{ fontSize: 22 }} strong>{`核验码 ${card.code ?? ''}`}</Typography.Text>
          {policeNumber ? <Typography.Text>{`您的警号 ${policeNumber}`}</Typography.Text> : null}
        </Space>
        <Typography.Text type="secondary">开场请报出警号和核验码，请居民在“守好钱袋子”小程序 我的 → 核验来电民警 里核验。</Typography.Text>
        <Typography.Text>{`${RISK_TYPE_NAMES[w.riskType]} · ${place(w)}${card.evidence ? ` · 涉诈：${card.evidence.value}${card.evidence.amount ? `（${yuan(card.evidence.amount)}）` : ''}` : ''}`}</Typography.Text>
        <Typography.Text>
          {`时限 ${chinaTime(card.task.dueAt)}`} {card.task.overdue ? <StatusTag tone="danger">超时</StatusTag> : null}
        </Typography.Text>
        {card.related.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={`同一人还有 ${card.related.length} 个${kind === 'call' ? '电话' : '上门'}任务（${card.related.map((r) => RISK_TYPE_NAMES[r.riskType]).join('、')}），请一并处理：`}
            description={
              <Space wrap>
                {card.related.map((r) => (
                  <Link key={r.taskId} to={`/warnings/${r.warningId}`}>{`查看 ${RISK_TYPE_NAMES[r.riskType]}`}</Link>
                ))}
              </Space>
            }
          />
        ) : null}
        <PersonFacts card={card} />
        {kind === 'call' && !w.townshipCode ? (
          <section aria-label="当事人所在地">
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title="当事人所在乡镇未知：请在电话里问清楚并填写。转派出所上门前必须填写，否则没有派出所能看到上门任务。"
            />
            <PlacePicker warning={w} compact onPlaced={() => void queryClient.invalidateQueries({ queryKey: ['tasks'] })} />
          </section>
        ) : null}
        <ol style={{ paddingInlineStart: 20, margin: 0 }}>
          {card.script.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
        <FamilyContacts card={card} />
        {kind === 'visit' && onAccompany ? <Accompany card={card} onAccompany={onAccompany} /> : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {restored ? <Alert type="info" showIcon title="已恢复您上次未保存的结果和说明" /> : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={restored}
          onValuesChange={(_, all: Partial<RecordValues>) => taskDrafts.save(card.task.id, all)}
        >
          <Form.Item label={kind === 'call' ? '这次电话的结果' : '上门结果'} name="result" rules={[{ required: true, message: '请选择结果' }]}>
            <Radio.Group options={results.map((r) => ({ value: r, label: RESULT_NAMES[r] }))} />
          </Form.Item>
          {result === 'defrauded' ? (
            <Form.Item label="被骗金额（元）" name="amount" rules={[{ required: true, message: '请填写被骗金额' }]}>
              <InputNumber min={0} max={100_000_000} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {kind === 'call' ? (
            <Form.Item
              name="escalate"
              valuePropName="checked"
              extra={`${
                card.task.escalatesFrom
                  ? `已有一次无法接通：${clock(card.task.escalatesFrom)} 之后再拨仍无法接通，会自动转派出所；在此之前的无法接通只会稍后重拨。`
                  : '第一次无法接通后稍后重拨；相隔足够久的第二次无法接通（卡片上会显示时间）或已被骗，会自动转派出所。'
              }已被骗也会自动转派出所。${w.townshipCode ? '' : '请先填写上面的所在地。'}`}
            >
              <Checkbox>转派出所上门</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item label="情况说明（选填）" name="note" rules={[{ max: 500, message: '最多500个字' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy}>
              记录结果
            </Button>
            <Button onClick={() => void onRelease().catch((err: unknown) => setError(messageOf(err)))}>退回队列</Button>
            <Link to={`/warnings/${w.id}`}>查看时间线</Link>
          </Space>
        </Form>
      </Flex>
    </Card>
  )
}

/** 家人守护: the guarded resident's family, the second numbers to call (in full while the task is held). */
function FamilyContacts({ card }: { card: TaskCard }) {
  if (card.family.length === 0) return null
  return (
    <section aria-label="家人（第二联系人）">
      <Typography.Title level={3} style={{ fontSize: 15, margin: '0 0 4px' }}>
        家人（第二联系人）
      </Typography.Title>
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {card.family.map((f, i) => (
          <li key={i}>
            {`${f.name}${f.relation ? `（${f.relation}）` : ''} `}
            <a href={`tel:${f.phone}`} aria-label={`拨打家人 ${f.name} ${f.phone}`}>
              {f.phone}
            </a>
            {f.answeredAt ? <Typography.Text type="success">{` 已回复：已联系家人，没有转账（${chinaTime(f.answeredAt)}）`}</Typography.Text> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** 请网格员陪同: they learn the village and this note, never the evidence. */
function Accompany({ card, onAccompany }: { card: TaskCard; onAccompany: (residentId: string, note: string) => Promise<void> }) {
  const [who, setWho] = useState<string | undefined>(card.accompany?.residentId)
  const [note, setNote] = useState(card.accompany?.note ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (card.gridWorkers.length === 0 && !card.accompany) return <Typography.Text type="secondary">这个村（社区）还没有网格员。</Typography.Text>
  return (
    <section aria-label="请网格员陪同">
      <Typography.Title level={3} style={{ fontSize: 15, margin: '0 0 4px' }}>
        请网格员陪同
      </Typography.Title>
      {card.accompany ? (
        <Typography.Paragraph>{`已请 ${card.accompany.name} 陪同（${chinaTime(card.accompany.requestedAt)}）${card.accompany.note ? `：${card.accompany.note}` : ''}`}</Typography.Paragraph>
      ) : null}
      <Space wrap>
        <Select
          aria-label="陪同的网格员"
          style={{ minWidth: 160 }}
          placeholder="选择网格员"
          value={who}
          onChange={setWho}
          options={card.gridWorkers.map((g) => ({ value: g.residentId, label: g.name }))}
        />
        <Input
          aria-label="给网格员的留言"
          placeholder="时间、见面地点（不写案情）"
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          style={{ minWidth: 220 }}
        />
        <Button
          loading={busy}
          disabled={!who}
          onClick={() => {
            if (!who) return
            setBusy(true)
            setError(null)
            onAccompany(who, note.trim())
              .catch((err: unknown) => setError(messageOf(err)))
              .finally(() => setBusy(false))
          }}
        >
          {card.accompany ? '重新发送' : '请TA陪同'}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </section>
  )
}
