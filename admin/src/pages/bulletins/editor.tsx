import { useEffect, useId, useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Flex, Input, Radio, Row, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { AdminBulletin } from '../../../../types/bulletins'
import { PageShell } from '../../components/PageShell'
import { createBulletin, getAudienceSize, getBulletin, publishBulletin, scheduleBulletin, updateBulletin, withdrawBulletin } from '../../services/bulletins'
import { messageOf } from '../../services/http'
import { useAreas } from '../../hooks/useAreas'
import { addDays, chinaToday } from '../../lib/days'
import { BlockEditor } from './BlockEditor'
import { BulletinPreview } from './BulletinPreview'
import { DeliveryFigures } from './DeliveryFigures'
import { draftOf, drafts, emptyDraft, inputOf, type BulletinDraft } from './draft'
import { STATUS_NAMES, STATUS_TONES } from './status'
import { StatusTag } from '../../components/StatusTag'

export default function BulletinEditorPage() {
  const { id } = useParams()
  const key = id ?? 'new'
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { modal, message } = App.useApp()
  const { townships, names } = useAreas()
  const loaded = useQuery({
    queryKey: ['bulletin', id],
    queryFn: () => getBulletin(id as string),
    enabled: id !== undefined,
    // While the fan-out runs the figures move every second; then they stop asking.
    refetchInterval: (q) => (q.state.data && q.state.data.status === 'published' && q.state.data.stats.pending > 0 ? 1_000 : false)
  })
  const bulletin = loaded.data
  const [draft, setDraft] = useState<BulletinDraft | null>(() => drafts.load(key))
  const [restored] = useState(() => draft !== null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [scheduleAt, setScheduleAt] = useState<Dayjs | null>(null)

  useEffect(() => {
    if (draft) return
    if (id === undefined) setDraft(emptyDraft(addDays(chinaToday(), -6), chinaToday()))
    else if (bulletin) setDraft(draftOf(bulletin))
  }, [id, bulletin, draft])

  if (loaded.error)
    return (
      <PageShell title="发布预警信息">
        <Alert type="error" showIcon title={messageOf(loaded.error)} />
      </PageShell>
    )
  if (!draft || (id !== undefined && !bulletin))
    return (
      <PageShell title="发布预警信息">
        <Card loading />
      </PageShell>
    )

  const editable = !bulletin || bulletin.status === 'draft' || bulletin.status === 'scheduled'
  const change = (patch: Partial<BulletinDraft>) => {
    const next = { ...draft, ...patch }
    setDraft(next)
    drafts.save(key, next)
  }
  const refresh = (b: AdminBulletin) => {
    queryClient.setQueryData(['bulletin', b.id], b)
    void queryClient.invalidateQueries({ queryKey: ['bulletins'] })
  }

  /** Saves the draft; returns the stored bulletin (a new one gets its id and URL). */
  const save = async (): Promise<AdminBulletin | null> => {
    setBusy(true)
    setError(null)
    try {
      const saved = bulletin ? await updateBulletin(bulletin.id, inputOf(draft)) : await createBulletin(inputOf(draft))
      drafts.clear(key)
      refresh(saved)
      setDraft(draftOf(saved))
      if (!bulletin) navigate(`/bulletins/${saved.id}`, { replace: true })
      return saved
    } catch (err) {
      setError(messageOf(err))
      return null
    } finally {
      setBusy(false)
    }
  }

  const confirmThen = async (what: '发布' | '定时发布', act: (b: AdminBulletin) => Promise<AdminBulletin>) => {
    const saved = await save()
    if (!saved) return
    let residents: number
    try {
      residents = await getAudienceSize(saved.id)
    } catch (err) {
      setError(messageOf(err))
      return
    }
    modal.confirm({
      title: `确定${what}这期预警吗？`,
      content: `${what === '发布' ? '发布后' : '到时'}将通知 ${residents} 位已登记居民（${draft.audience ? `范围：${draft.audience.map((c) => names.get(c) ?? c).join('、')}` : '范围：全县'}）；有订阅的居民会收到微信消息，其余在小程序内看到。发布后不能再修改，只能撤回。`,
      okText: `确定${what}`,
      cancelText: '再看看',
      onOk: async () => {
        try {
          const done = await act(saved)
          refresh(done)
          message.success(what === '发布' ? `已发布${done.issueNo ? `第${done.issueNo}期` : ''}` : '已设定定时发布')
        } catch (err) {
          setError(messageOf(err))
        }
      }
    })
  }

  const withdraw = (b: AdminBulletin) =>
    modal.confirm({
      title: '确定撤回这期预警吗？',
      content: '撤回后居民的列表里不再显示；已发出的消息无法收回，发送记录会保留。',
      okText: '确定撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          refresh(await withdrawBulletin(b.id))
          message.success('已撤回')
        } catch (err) {
          setError(messageOf(err))
        }
      }
    })

  return (
    <PageShell
      title={bulletin ? `预警信息：${bulletin.title}` : '新建预警信息'}
      actions={
        <Space wrap>
          {bulletin ? <StatusTag tone={STATUS_TONES[bulletin.status]}>{STATUS_NAMES[bulletin.status]}</StatusTag> : null}
          <Button onClick={() => navigate('/bulletins')}>返回列表</Button>
          {editable ? (
            <Button onClick={() => void save().then((b) => b && message.success('已保存'))} loading={busy}>
              保存草稿
            </Button>
          ) : null}
          {editable ? (
            <Button type="primary" onClick={() => void confirmThen('发布', (b) => publishBulletin(b.id))} loading={busy}>
              立即发布
            </Button>
          ) : null}
          {bulletin?.status === 'published' ? (
            <Button danger onClick={() => withdraw(bulletin)}>
              撤回
            </Button>
          ) : null}
        </Space>
      }
    >
      {restored && editable ? <Alert type="info" showIcon title="已恢复您上次未保存的内容" style={{ marginBottom: 12 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} closable={{ onClose: () => setError(null) }} /> : null}
      {bulletin && bulletin.status !== 'draft' && bulletin.status !== 'scheduled' ? (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              推送情况
            </Typography.Title>
          }
          style={{ marginBottom: 16 }}
        >
          <DeliveryFigures stats={bulletin.stats} />
        </Card>
      ) : null}
      <Row gutter={[16, 24]}>
        <Col xs={24} xl={13}>
          {editable ? (
            <DraftForm draft={draft} change={change} townships={townships} />
          ) : (
            <Typography.Paragraph>已发布或撤回的预警不能再修改。</Typography.Paragraph>
          )}
          {editable ? (
            <Card size="small" title="定时发布" style={{ marginTop: 16 }}>
              <Flex gap={8} wrap>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  aria-label="定时发布的时间"
                  value={scheduleAt}
                  onChange={setScheduleAt}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                />
                <Button
                  disabled={!scheduleAt}
                  onClick={() => scheduleAt && void confirmThen('定时发布', (b) => scheduleBulletin(b.id, scheduleAt.toISOString()))}
                >
                  定时发布
                </Button>
              </Flex>
              {bulletin?.scheduledAt ? (
                <Typography.Paragraph style={{ marginTop: 8 }}>
                  已定于 {new Date(bulletin.scheduledAt).toLocaleString('zh-CN', { hour12: false })} 发布
                </Typography.Paragraph>
              ) : null}
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={11}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            预览（居民在小程序里看到的样子）
          </Typography.Title>
          <BulletinPreview draft={draft} year={bulletin?.year ?? null} issueNo={bulletin?.issueNo ?? null} names={names} />
        </Col>
      </Row>
    </PageShell>
  )
}

function DraftForm({
  draft,
  change,
  townships
}: {
  draft: BulletinDraft
  change: (p: Partial<BulletinDraft>) => void
  townships: Array<{ code: string; name: string }>
}) {
  const ids = { title: useId(), short: useId(), summary: useId(), period: useId(), tags: useId(), audience: useId(), hotline: useId() }
  const label = (htmlFor: string, text: string) => (
    <label htmlFor={htmlFor} style={{ display: 'block', margin: '12px 0 4px', fontWeight: 500 }}>
      {text}
    </label>
  )
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="预警内容">
      {label(ids.title, '标题')}
      <Input id={ids.title} maxLength={60} showCount value={draft.title} onChange={(e) => change({ title: e.target.value })} />
      {label(ids.short, '订阅消息摘要（最多20个字）')}
      <Input id={ids.short} maxLength={20} showCount value={draft.summaryShort} onChange={(e) => change({ summaryShort: e.target.value })} />
      {label(ids.summary, '列表摘要')}
      <Input.TextArea
        id={ids.summary}
        maxLength={200}
        showCount
        autoSize={{ minRows: 2 }}
        value={draft.summary}
        onChange={(e) => change({ summary: e.target.value })}
      />
      {label(ids.period, '统计时段')}
      <DatePicker.RangePicker
        id={{ start: ids.period }}
        allowClear={false}
        value={[dayjs(draft.periodStart), dayjs(draft.periodEnd)]}
        onChange={(v) => v && v[0] && v[1] && change({ periodStart: v[0].format('YYYY-MM-DD'), periodEnd: v[1].format('YYYY-MM-DD') })}
      />
      {label(ids.tags, '诈骗类型标签（最多6个，输入后回车）')}
      <Select
        id={ids.tags}
        mode="tags"
        value={draft.tags}
        maxCount={6}
        onChange={(tags: string[]) => change({ tags: tags.map((t) => t.trim()).filter(Boolean) })}
        style={{ width: '100%' }}
        tokenSeparators={[',', '，']}
      />
      <fieldset style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
        <legend style={{ fontSize: 15, fontWeight: 500, marginBottom: 4 }}>推送范围</legend>
        <Radio.Group
          value={draft.audience === null ? 'county' : 'townships'}
          onChange={(e) => change({ audience: e.target.value === 'county' ? null : [] })}
          options={[
            { value: 'county', label: '全县' },
            { value: 'townships', label: '指定乡镇' }
          ]}
        />
        {draft.audience !== null ? (
          <Select
            id={ids.audience}
            aria-label="选择乡镇"
            mode="multiple"
            value={draft.audience}
            onChange={(v: string[]) => change({ audience: v })}
            style={{ width: '100%', marginTop: 8 }}
            placeholder="选择一个或多个乡镇"
            options={townships.map((t) => ({ value: t.code, label: t.name }))}
          />
        ) : null}
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
        <legend style={{ fontSize: 15, fontWeight: 500, marginBottom: 4 }}>级别</legend>
        <Radio.Group
          value={draft.severity}
          onChange={(e) => change({ severity: e.target.value })}
          options={[
            { value: 'routine', label: '常规' },
            { value: 'urgent', label: '紧急（在居民首页顶部提示）' }
          ]}
        />
      </fieldset>
      {label(ids.hotline, '咨询电话')}
      <Input id={ids.hotline} maxLength={20} style={{ maxWidth: 200 }} value={draft.hotline} onChange={(e) => change({ hotline: e.target.value })} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 20 }}>
        正文
      </Typography.Title>
      <BlockEditor value={draft.body} onChange={(body) => change({ body })} />
    </form>
  )
}
