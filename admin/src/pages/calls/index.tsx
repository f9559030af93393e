import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { Alert, App, Button, Empty, Flex, Typography } from 'antd'
import type { TaskCard } from '../../../../types/warnings'
import { RISK_TYPE_NAMES } from '../../../../types/warning-wording'
import { PageShell } from '../../components/PageShell'
import { DataTable } from '../../components/DataTable'
import { StatusTag } from '../../components/StatusTag'
import { claimNextTask, claimTask, recordCall, recordVisit, releaseTask, taskQueue } from '../../services/warnings'
import { askToAccompany } from '../../services/grid'
import { messageOf } from '../../services/http'
import { chinaTime, clock } from '../../lib/labels'
import { useSession } from '../../stores/session'
import { place, RiskTag } from '../warnings/labels'
import { TaskPanel } from './TaskPanel'
import { TaskHandover } from '../warnings/Handover'
import { accessFor } from '../../access'

/**
 * 电话预警: the county centre's call queue. 领取下一个 takes the oldest-due task; the task in hand shows the number,
 * the code to read out and the script; each attempt is recorded and the chain decides what comes next.
 */
export default function CallsPage() {
  return <TaskQueuePage kind="call" />
}

export function TaskQueuePage({ kind }: { kind: 'call' | 'visit' }) {
  const session = useSession((s) => s.session)
  const access = accessFor(session?.role)
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const queue = useQuery({ queryKey: ['tasks', kind], queryFn: () => taskQueue(kind), refetchInterval: 10_000 })
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['tasks', kind] })
  const mine = (queue.data ?? []).filter((c) => c.phone !== null)
  // One person's tasks together: a task whose person already has a row above is listed under it, not apart.
  const waiting = groupByPerson((queue.data ?? []).filter((c) => c.phone === null))
  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work()
      if (done) message.success(done)
    } catch (err) {
      message.error(messageOf(err))
    }
    refresh()
  }
  const title = kind === 'call' ? '电话预警' : '上门劝阻'
  return (
    <PageShell
      title={title}
      actions={
        kind === 'call' ? (
          <Button type="primary" onClick={() => void act(() => claimNextTask('call'))}>
            领取下一个
          </Button>
        ) : null
      }
    >
      {!session?.policeNumber ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="您的账号还没有警号：请管理员在“账号”里填写姓名、警号和单位后再领取任务（居民用警号核验来电）。"
        />
      ) : null}
      {queue.error ? <Alert type="error" showIcon title={messageOf(queue.error)} style={{ marginBottom: 12 }} /> : null}
      <Flex vertical gap={16}>
        {mine.map((card) => (
          <TaskPanel
            key={card.task.id}
            card={card}
            policeNumber={session?.policeNumber ?? null}
            onRecord={async (v) => {
              if (kind === 'call')
                await recordCall(card.task.id, {
                  result: v.result as never,
                  ...(v.amount !== undefined ? { amount: v.amount } : {}),
                  ...(v.escalate ? { escalate: true } : {}),
                  ...(v.note ? { note: v.note } : {})
                })
              else
                await recordVisit(card.task.id, {
                  result: v.result as never,
                  ...(v.amount !== undefined ? { amount: v.amount } : {}),
                  ...(v.note ? { note: v.note } : {})
                })
              message.success('已记录')
              refresh()
            }}
            onRelease={async () => {
              await releaseTask(kind, card.task.id)
              refresh()
            }}
            onAccompany={async (residentId, note) => {
              await askToAccompany(card.task.id, { residentId, ...(note ? { note } : {}) })
              message.success('已通知网格员')
              refresh()
            }}
          />
        ))}
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {kind === 'call' ? '待拨打' : '待上门'}
        </Typography.Title>
        {queue.data && waiting.length === 0 ? <Empty description={kind === 'call' ? '没有待拨打的电话' : '没有待上门的任务'} /> : null}
        {waiting.length > 0 ? (
          <DataTable<TaskCard>
            rowKey={(c) => c.task.id}
            dataSource={waiting}
            pagination={false}
            scroll={{ x: 760 }}
            label={`${title}队列（可左右滚动）`}
            columns={[
              {
                title: '时限',
                key: 'due',
                width: 190,
                render: (_, c) => (
                  <>
                    {chinaTime(c.task.dueAt)} {c.task.overdue ? <StatusTag tone="danger">超时</StatusTag> : null}
                  </>
                )
              },
              { title: '号码', key: 'phone', width: 130, render: (_, c) => c.warning.phoneMasked },
              { title: '类型', key: 'type', render: (_, c) => RISK_TYPE_NAMES[c.warning.riskType] },
              { title: '风险', key: 'risk', width: 90, render: (_, c) => <RiskTag level={c.warning.riskLevel} /> },
              { title: '所在地', key: 'place', render: (_, c) => place(c.warning) },
              {
                title: '状态',
                key: 'status',
                width: 170,
                render: (_, c) => (
                  <>
                    {c.task.status === 'claimed' ? `${c.task.claimedBy ?? ''} 处理中` : c.task.attempts > 0 ? `已尝试 ${c.task.attempts} 次` : '待领取'}
                    {c.task.nextTryAt ? (
                      <>
                        <br />
                        {`可再拨时间 ${clock(c.task.nextTryAt)}`}
                      </>
                    ) : null}
                    {c.related.length > 0 ? (
                      <>
                        <br />
                        <StatusTag tone="warning">{`同一人共 ${c.related.length + 1} 个任务`}</StatusTag>
                      </>
                    ) : null}
                  </>
                )
              },
              {
                title: '操作',
                key: 'actions',
                width: 220,
                render: (_, c) => (
                  <Flex gap={8} wrap>
                    {c.task.status === 'open' ? (
                      <Button size="small" onClick={() => void act(() => claimTask(kind, c.task.id))}>
                        领取
                      </Button>
                    ) : null}
                    {access.canCall ? (
                      <TaskHandover
                        task={c.task}
                        phoneMasked={c.warning.phoneMasked}
                        canRelease={kind === 'call' || session?.role === 'admin'}
                        onDone={refresh}
                      />
                    ) : null}
                    <Link to={`/warnings/${c.warning.id}`}>详情</Link>
                  </Flex>
                )
              }
            ]}
          />
        ) : null}
      </Flex>
    </PageShell>
  )
}

/** Orders the queue so that each person's other tasks follow their first one (the queue's order otherwise). */
export function groupByPerson(cards: TaskCard[]): TaskCard[] {
  const out: TaskCard[] = []
  const placed = new Set<string>()
  for (const card of cards) {
    if (placed.has(card.task.id)) continue
    out.push(card)
    placed.add(card.task.id)
    for (const r of card.related) {
      const sibling = cards.find((c) => c.task.id === r.taskId)
      if (sibling && !placed.has(sibling.task.id)) {
        out.push(sibling)
        placed.add(sibling.task.id)
      }
    }
  }
  return out
}
