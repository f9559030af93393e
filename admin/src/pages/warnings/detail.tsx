import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router-dom'
import { Alert, App, Button, Card, Descriptions, Flex, Select, Space, Spin, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { RISK_TYPE_NAMES, WARNING_OUTCOME_NAMES, WARNING_OUTCOMES, WARNING_SOURCE_NAMES, type WarningOutcome } from '../../../../types/warning-wording'
import { PageShell } from '../../components/PageShell'
import { StatusTag } from '../../components/StatusTag'
import { closeWarning, getWarning } from '../../services/warnings'
import { messageOf } from '../../services/http'
import { chinaTime, yuan } from '../../lib/labels'
import { useSession } from '../../stores/session'
import { accessFor } from '../../access'
import { LEVEL_NAMES, place, RiskTag, WarningStatus } from './labels'
import { PlaceButton, TaskHandover } from './Handover'
import { answersText, RevealButton } from './Person'

const EVIDENCE_NAMES = { phone: '电话号码', sms: '短信号码', url: '网址', account: '账户', app: 'APP' } as const

/** One warning: what happened, its tasks, who did what when (the timeline), and the call script. */
export default function WarningDetailPage() {
  const { id = '' } = useParams()
  const role = useSession((s) => s.session?.role)
  const access = accessFor(role)
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [outcome, setOutcome] = useState<WarningOutcome>('false_alarm')
  const detail = useQuery({ queryKey: ['warning', id], queryFn: () => getWarning(id), refetchInterval: 10_000 })
  if (detail.error)
    return (
      <PageShell title="预警详情">
        <Alert type="error" showIcon title={messageOf(detail.error)} />
      </PageShell>
    )
  if (!detail.data)
    return (
      <PageShell title="预警详情">
        <Spin />
      </PageShell>
    )
  const { warning: w, evidence, tasks, timeline, script, lossAmount, note } = detail.data
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['warning', id] })
  const close = () =>
    modal.confirm({
      title: `结束这条预警：${WARNING_OUTCOME_NAMES[outcome]}？`,
      content: '未完成的电话和上门任务会一并结束，记入时间线。',
      okText: '结束预警',
      cancelText: '取消',
      onOk: async () => {
        try {
          await closeWarning(id, outcome)
          message.success('预警已结束')
          void queryClient.invalidateQueries({ queryKey: ['warning', id] })
        } catch (err) {
          message.error(messageOf(err))
        }
      }
    })
  return (
    <PageShell title={`预警 ${w.phoneMasked}`} actions={<WarningStatus warning={w} />}>
      <Flex vertical gap={16}>
        <Card title="预警单">
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              { key: 'source', label: '来源', children: `${WARNING_SOURCE_NAMES[w.source]}${w.ref ? `（${w.ref}）` : ''}` },
              { key: 'at', label: '收到时间', children: chinaTime(w.receivedAt) },
              { key: 'phone', label: '当事人', children: `${w.phoneMasked}${w.matched ? '（已登记居民）' : '（未登记）'}` },
              {
                key: 'place',
                label: '所在地',
                children: (
                  <Space wrap>
                    {w.unplacedVisit ? <StatusTag tone="danger">待指派派出所</StatusTag> : null}
                    <Typography.Text>{place(w)}</Typography.Text>
                    {access.canCall && w.status === 'open' ? (
                      <PlaceButton warning={w} label={w.townshipCode ? '更改所在地' : '指派派出所'} onPlaced={refresh} />
                    ) : null}
                  </Space>
                )
              },
              { key: 'full', label: '完整信息', children: <RevealButton warningId={w.id} phoneMasked={w.phoneMasked} /> },
              ...(w.answers.length > 0 ? [{ key: 'answers', label: '居民回复', children: answersText(w) }] : []),
              { key: 'type', label: '风险类型', children: RISK_TYPE_NAMES[w.riskType] },
              { key: 'risk', label: '风险等级', children: <RiskTag level={w.riskLevel} /> },
              { key: 'level', label: '已到级别', children: LEVEL_NAMES[w.level] },
              ...(evidence
                ? [
                    {
                      key: 'evidence',
                      label: EVIDENCE_NAMES[evidence.kind],
                      children: (
                        <Typography.Text
                          style={{ wordBreak: 'break-all' }}
                        >{`${evidence.value}${evidence.amount ? `（${yuan(evidence.amount)}）` : ''}`}</Typography.Text>
                      )
                    }
                  ]
                : []),
              ...(lossAmount !== null ? [{ key: 'loss', label: '被骗金额', children: yuan(lossAmount) }] : []),
              ...(note ? [{ key: 'note', label: '备注', children: note }] : [])
            ]}
          />
        </Card>
        <Card title="任务">
          {tasks.length === 0 ? (
            <Typography.Text type="secondary">还没有电话或上门任务（一级推送中，等待居民回复）。</Typography.Text>
          ) : (
            <Flex vertical gap={8}>
              {tasks.map((t) => (
                <Space key={t.id} wrap>
                  <Typography.Text strong>{t.kind === 'call' ? '电话预警' : '上门劝阻'}</Typography.Text>
                  <StatusTag tone={t.overdue ? 'danger' : t.status === 'done' ? 'success' : 'info'}>
                    {t.overdue ? '超时' : { open: '待领取', claimed: '处理中', done: '已完成', cancelled: '已取消' }[t.status]}
                  </StatusTag>
                  <Typography.Text>{`时限 ${chinaTime(t.dueAt)}`}</Typography.Text>
                  {t.claimedBy ? <Typography.Text>{`领取人 ${t.claimedBy}`}</Typography.Text> : null}
                  <Typography.Text>{`${t.attempts} 次记录`}</Typography.Text>
                  {access.canCall ? (
                    <TaskHandover task={t} phoneMasked={w.phoneMasked} canRelease={t.kind === 'call' || role === 'admin'} onDone={refresh} />
                  ) : null}
                </Space>
              ))}
            </Flex>
          )}
        </Card>
        <Card title="时间线">
          <Timeline
            items={timeline.map((e) => ({
              content: (
                <>
                  <Typography.Text strong>{e.text}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{`${chinaTime(e.at)} · ${e.actor}`}</Typography.Text>
                </>
              )
            }))}
          />
        </Card>
        <Card title="电话预警话术">
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {script.map((line, i) => (
              <li key={i}>
                <Typography.Text>{line}</Typography.Text>
              </li>
            ))}
          </ol>
        </Card>
        {access.canCall && w.status === 'open' ? (
          <Card title="结束预警">
            <Space wrap>
              <Select
                aria-label="结果"
                style={{ width: 200 }}
                value={outcome}
                onChange={setOutcome}
                options={WARNING_OUTCOMES.map((o) => ({ value: o, label: WARNING_OUTCOME_NAMES[o] }))}
              />
              <Button danger onClick={close}>
                结束预警
              </Button>
            </Space>
          </Card>
        ) : null}
      </Flex>
    </PageShell>
  )
}
