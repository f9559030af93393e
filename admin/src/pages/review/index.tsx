import { useState, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, AutoComplete, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Image, Input, Modal, Space, Typography } from 'antd'
import type { MergeRequest, QueueItem } from '../../../../types/reports'
import type { ValueKind } from '../../../../types/kinds'
import { AuthImage } from '../../components/AuthImage'
import { PageShell } from '../../components/PageShell'
import { StatusTag } from '../../components/StatusTag'
import { getReviewQueue, mergeReports, reviewReports, screenshotUrl, startReview } from '../../services/reports'
import { messageOf } from '../../services/http'
import { useFraudTypeNames } from '../../hooks/useFraudTypes'
import { chinaTime, KIND_NAMES, readableValue, REPORT_STATUS_NAMES, yuan } from '../../lib/labels'

type Decision = { group: QueueItem; action: 'confirm' | 'reject' } | null

/** 线索审核: the queue in the API's order (most reporters, then the largest loss), one card per value. */
export default function ReviewPage() {
  const queue = useQuery({ queryKey: ['review-queue'], queryFn: getReviewQueue })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [decision, setDecision] = useState<Decision>(null)
  const [merging, setMerging] = useState<QueueItem | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['review-queue'] })
  const items = queue.data ?? []

  const start = async (g: QueueItem) => {
    try {
      await startReview(g.kind, g.value)
      message.success('已开始审核，举报人会看到“审核中”')
      refresh()
    } catch (err) {
      message.error(messageOf(err))
    }
  }

  return (
    <PageShell
      title="线索审核"
      actions={
        <Button onClick={refresh} loading={queue.isFetching}>
          刷新
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">按举报人数、再按损失金额排序。核实后加入黑名单（来源：群众举报），举报人会收到结果。</Typography.Paragraph>
      {queue.error ? <Alert type="error" showIcon title={messageOf(queue.error)} /> : null}
      {queue.data && items.length === 0 ? <Empty description="没有待审核的线索" /> : null}
      <Flex vertical gap={16}>
        {items.map((g) => (
          <Card
            key={`${g.kind}:${g.value}`}
            data-testid="review-group"
            title={
              <Typography.Title level={2} style={{ fontSize: 17, margin: 0, wordBreak: 'break-all' }}>
                {groupTitle(g)}
              </Typography.Title>
            }
            extra={<StatusTag tone={g.status === 'reviewing' ? 'info' : 'warning'}>{REPORT_STATUS_NAMES[g.status]}</StatusTag>}
          >
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'reporters', label: '举报人数', children: `${g.reporters}人` },
                { key: 'loss', label: '损失合计', children: g.totalLoss > 0 ? yuan(g.totalLoss) : '无' },
                { key: 'latest', label: '最近举报', children: chinaTime(g.latestAt) }
              ]}
            />
            <Flex vertical gap={8} style={{ margin: '12px 0' }}>
              {g.reports.map((r, i) => (
                <div key={r.id} style={{ borderTop: '1px solid #eee', paddingTop: 8 }}>
                  <Typography.Text strong>{`举报 ${i + 1}`}</Typography.Text>
                  <Typography.Text type="secondary">{` · ${chinaTime(r.createdAt)} · 渠道：${r.channel ?? '未填'} · 损失：${r.lossAmount ? yuan(r.lossAmount) : '无'}`}</Typography.Text>
                  {r.value !== g.value && g.kind !== 'message' ? (
                    <Typography.Paragraph style={{ margin: 0 }}>{`原举报${KIND_NAMES[g.kind]}：${readableValue(g.kind, r.value)}`}</Typography.Paragraph>
                  ) : null}
                  {g.kind === 'message' ? <MarkedMessage text={r.input} parts={r.parts} /> : null}
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.description || '（没有描述）'}</Typography.Paragraph>
                  {r.screenshots.length > 0 ? (
                    <Image.PreviewGroup>
                      <Space wrap>
                        {r.screenshots.map((id, j) => (
                          <AuthImage key={id} id={id} load={screenshotUrl} alt={`举报 ${i + 1} 的截图 ${j + 1}`} />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  ) : null}
                </div>
              ))}
            </Flex>
            <Space wrap>
              {g.status === 'submitted' ? <Button onClick={() => void start(g)}>开始审核</Button> : null}
              <Button type="primary" onClick={() => setDecision({ group: g, action: 'confirm' })}>
                {g.kind === 'message' ? '核实为诈骗消息' : '核实并加入黑名单'}
              </Button>
              <Button danger onClick={() => setDecision({ group: g, action: 'reject' })}>
                不予采纳
              </Button>
              {g.kind !== 'message' && items.filter((o) => o.kind === g.kind && o.value !== g.value).length > 0 ? (
                <Button onClick={() => setMerging(g)}>合并其他线索</Button>
              ) : null}
            </Space>
          </Card>
        ))}
      </Flex>
      <DecisionModal
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={(text) => {
          setDecision(null)
          message.success(text)
          refresh()
        }}
      />
      <MergeModal
        into={merging}
        candidates={items}
        onClose={() => setMerging(null)}
        onDone={(n) => {
          setMerging(null)
          message.success(`已合并${n}条举报`)
          refresh()
        }}
      />
    </PageShell>
  )
}

function DecisionModal({ decision, onClose, onDone }: { decision: Decision; onClose: () => void; onDone: (text: string) => void }) {
  const [form] = Form.useForm<{ category?: string; outcome?: string; reason?: string; parts?: string[] }>()
  const categories = useFraudTypeNames()
  const listable = decision ? listableParts(decision.group) : []
  const [error, setError] = useState<string | null>(null)
  const confirm = decision?.action === 'confirm'
  const submit = async (v: { category?: string; outcome?: string; reason?: string; parts?: string[] }) => {
    if (!decision) return
    setError(null)
    const { kind, value } = decision.group
    try {
      const result = confirm
        ? await reviewReports({
            kind,
            value,
            action: 'confirm',
            category: (v.category ?? '').trim(),
            ...(v.outcome?.trim() ? { outcome: v.outcome.trim() } : {}),
            ...(kind === 'message'
              ? { parts: listable.filter((p) => (v.parts ?? []).includes(p.key)).map(({ kind: k, value: x }) => ({ kind: k, value: x })) }
              : {})
          })
        : await reviewReports({ kind, value, action: 'reject', reason: (v.reason ?? '').trim() })
      form.resetFields()
      onDone(confirm ? `已核实，${result.reports}条举报已通知举报人` : `已标为不予采纳，${result.reports}条举报已通知举报人`)
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <Modal
      open={decision !== null}
      title={confirm ? '核实并加入黑名单' : '不予采纳'}
      okText={confirm ? '确认核实' : '确认不予采纳'}
      cancelText="取消"
      okButtonProps={{ danger: !confirm }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {decision ? (
        <Typography.Paragraph style={{ wordBreak: 'break-all' }}>{`${groupTitle(decision.group)}（${decision.group.reporters}人举报）`}</Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {confirm ? (
          <>
            {decision?.group.kind === 'message' ? (
              <Form.Item label="把消息里的这些内容加入黑名单" name="parts" initialValue={listable.filter((p) => p.flagged).map((p) => p.key)}>
                {listable.length === 0 ? (
                  <Typography.Text type="secondary">消息里没有号码、网址或账户</Typography.Text>
                ) : (
                  <Checkbox.Group
                    options={listable.map((p) => ({ value: p.key, label: p.label }))}
                    style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  />
                )}
              </Form.Item>
            ) : null}
            <Form.Item
              label="诈骗类型"
              name="category"
              rules={[
                { required: true, whitespace: true, message: '请选择或填写诈骗类型' },
                { max: 32, message: '最多32个字' }
              ]}
            >
              <AutoComplete
                options={categories.map((c) => ({ value: c }))}
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                placeholder="如：刷单返利"
              />
            </Form.Item>
            <Form.Item label="告诉举报人的话（可不填）" name="outcome" rules={[{ max: 200, message: '最多200个字' }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} placeholder="不填则显示“已核实：已列入反诈黑名单……感谢您的举报！”" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            label="不予采纳的原因（举报人会看到）"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { max: 200, message: '最多200个字' }
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

function MergeModal({
  into,
  candidates,
  onClose,
  onDone
}: {
  into: QueueItem | null
  candidates: QueueItem[]
  onClose: () => void
  onDone: (moved: number) => void
}) {
  const [picked, setPicked] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const others = into ? candidates.filter((o) => o.kind === into.kind && o.value !== into.value) : []
  const submit = async () => {
    if (!into || picked.length === 0) return
    try {
      onDone((await mergeReports({ kind: into.kind as MergeRequest['kind'], into: into.value, values: picked })).moved)
      setPicked([])
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <Modal
      open={into !== null}
      title="合并线索"
      okText="合并"
      cancelText="取消"
      okButtonProps={{ disabled: picked.length === 0 }}
      onCancel={() => {
        setPicked([])
        onClose()
      }}
      onOk={() => void submit()}
    >
      <Typography.Paragraph style={{ wordBreak: 'break-all' }}>
        {into ? `把同一伙骗子的其他${KIND_NAMES[into.kind]}并入“${into.value}”，之后一起核实或不予采纳：` : ''}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Checkbox.Group
        value={picked}
        onChange={(v) => setPicked(v as string[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={others.map((o) => ({ value: o.value, label: `${o.value}（${o.reporters}人举报）` }))}
      />
    </Modal>
  )
}

/** A group's heading: the value, or for a message its first words (its value is only a digest). */
function groupTitle(g: QueueItem): string {
  if (g.kind !== 'message') return `${KIND_NAMES[g.kind]}：${readableValue(g.kind, g.value)}`
  const text = g.reports[0]?.input ?? ''
  return `消息：${[...text].slice(0, 30).join('')}${[...text].length > 30 ? '…' : ''}`
}

const VERDICT_NAMES: Record<string, string> = { dangerous: '高危', suspicious: '可疑', unknown: '暂无风险记录', safe: '官方' }
const PART_NAMES: Record<string, string> = { phone: '号码', url: '网址', account: '账户', qq: 'QQ号', wechat: '微信号', amount: '金额' }

/** The numbers, links and accounts of a reported message the reviewer may list, each once; the flagged ones first ticked. */
function listableParts(g: QueueItem): Array<{ key: string; kind: ValueKind; value: string; label: string; flagged: boolean }> {
  const seen = new Map<string, { key: string; kind: ValueKind; value: string; label: string; flagged: boolean }>()
  for (const r of g.reports) {
    for (const p of r.parts) {
      if (p.kind !== 'phone' && p.kind !== 'url' && p.kind !== 'account') continue
      const key = `${p.kind}:${p.value}`
      if (!seen.has(key))
        seen.set(key, {
          key,
          kind: p.kind,
          value: p.text.trim(),
          label: `${PART_NAMES[p.kind]} ${p.text.trim()}（${VERDICT_NAMES[p.verdict] ?? p.verdict}）`,
          flagged: p.verdict === 'dangerous' || p.verdict === 'suspicious'
        })
    }
  }
  return [...seen.values()]
}

/** The reported message with the parts the check found marked (and named, for screen readers, by their verdict). */
function MarkedMessage({ text, parts }: { text: string; parts: QueueItem['reports'][number]['parts'] }) {
  const out: ReactNode[] = []
  let at = 0
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    if (p.start < at || p.end > text.length) continue
    if (p.start > at) out.push(text.slice(at, p.start))
    out.push(
      <Typography.Text key={p.start} mark={p.verdict === 'dangerous' || p.verdict === 'suspicious'} strong underline>
        {`${text.slice(p.start, p.end)}（${PART_NAMES[p.kind] ?? p.kind}·${VERDICT_NAMES[p.verdict] ?? p.verdict}）`}
      </Typography.Text>
    )
    at = p.end
  }
  if (at < text.length) out.push(text.slice(at))
  return (
    <Typography.Paragraph style={{ margin: '4px 0', padding: 8, background: '#fafafa', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {out}
    </Typography.Paragraph>
  )
}
