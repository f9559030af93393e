import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Form, Image, Input, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { ConsoleSession } from '../../../../types/grid'
import { PUBLICITY_KIND_NAMES } from '../../../../types/grid-wording'
import { accessFor } from '../../access'
import { AuthImage } from '../../components/AuthImage'
import { DataTable } from '../../components/DataTable'
import { PageShell } from '../../components/PageShell'
import { appointGridWorker, listGridWorkers, listPublicitySessions, publicityPhotoUrl, revokeGridWorker } from '../../services/grid'
import { useSession } from '../../stores/session'
import { messageOf } from '../../services/http'
import { getAreas } from '../../services/stats'
import { GridWorkerTable } from './GridWorkerTable'

/**
 * 网格员: the grid workers and the publicity sessions they logged, with photos (officers: their township). The centre
 * (admin) appoints a registered resident (found by the phone they registered with) for villages, and
 * revokes an appointment; both are in the audit log. The grid worker then sees 网格员工作台 in the app.
 */
export default function GridWorkersPage() {
  const canManage = accessFor(useSession((s) => s.session?.role)).canManageGridWorkers
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const workers = useQuery({ queryKey: ['grid-workers'], queryFn: listGridWorkers })
  const areas = useQuery({ queryKey: ['areas'], queryFn: getAreas })
  const [form] = Form.useForm<{ phone: string; villageCodes: string[] }>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['grid-workers'] })

  const appoint = async (v: { phone: string; villageCodes: string[] }) => {
    setBusy(true)
    setError(null)
    try {
      await appointGridWorker({ phone: v.phone.trim(), villageCodes: v.villageCodes })
      form.resetFields()
      message.success('已任命')
      refresh()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <PageShell title="网格员">
      {canManage ? (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              任命网格员
            </Typography.Title>
          }
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph type="secondary">
            对方需先在“守好钱袋子”小程序里完成登记。任命后，对方在“我的 →
            网格员工作台”里可以看到所负责村（社区）的登记人数（不显示任何人的姓名）、代登记和记录宣传活动。
          </Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => void appoint(v)} style={{ maxWidth: 560 }}>
            <Form.Item label="登记用的手机号" name="phone" rules={[{ required: true, message: '请输入手机号' }]}>
              <Input inputMode="numeric" maxLength={20} autoComplete="off" />
            </Form.Item>
            <Form.Item label="负责的村（社区）" name="villageCodes" rules={[{ required: true, message: '请选择至少一个村（社区）' }]}>
              <Select
                mode="multiple"
                loading={areas.isLoading}
                placeholder="选择村（社区）"
                optionFilterProp="label"
                options={(areas.data ?? []).map((t) => ({
                  label: t.name,
                  title: t.name,
                  options: t.villages.map((v) => ({ value: v.code, label: `${t.name} ${v.name}` }))
                }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              任命
            </Button>
          </Form>
        </Card>
      ) : null}
      {workers.error ? <Alert type="error" showIcon title={messageOf(workers.error)} /> : null}
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            网格员名单
          </Typography.Title>
        }
      >
        <GridWorkerTable
          items={workers.data ?? []}
          onRevoke={
            canManage
              ? (g) =>
                  void revokeGridWorker(g.id).then(
                    () => {
                      message.success('已撤销')
                      refresh()
                    },
                    (err: unknown) => message.error(messageOf(err))
                  )
              : undefined
          }
        />
      </Card>
      <Sessions />
    </PageShell>
  )
}

/** The sessions of a period with their photos: what the figures on 工作台 are made of. */
function Sessions() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const from = range[0].format('YYYY-MM-DD')
  const to = range[1].format('YYYY-MM-DD')
  const sessions = useQuery({ queryKey: ['publicity-sessions', from, to], queryFn: () => listPublicitySessions({ from, to }) })
  return (
    <Card
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          宣传活动记录
        </Typography.Title>
      }
      extra={
        <DatePicker.RangePicker
          aria-label="宣传活动时段"
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
        />
      }
    >
      {sessions.error ? <Alert type="error" showIcon title={messageOf(sessions.error)} /> : null}
      <DataTable<ConsoleSession>
        rowKey="id"
        dataSource={sessions.data ?? []}
        loading={sessions.isLoading}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 900 }}
        label="宣传活动记录（可左右滚动）"
        locale={{ emptyText: '这个时段没有宣传活动记录' }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 110 },
          { title: '类型', key: 'kind', width: 110, render: (_, s) => PUBLICITY_KIND_NAMES[s.kind] },
          { title: '地点', key: 'place', render: (_, s) => `${s.township.name} ${s.village.name}` },
          { title: '人数', dataIndex: 'people', width: 80 },
          { title: '网格员', dataIndex: 'gridWorker', width: 100 },
          { title: '备注', key: 'note', render: (_, s) => s.note ?? '' },
          {
            title: '照片',
            key: 'photos',
            width: 220,
            render: (_, s) =>
              s.photos.length === 0 ? (
                '无'
              ) : (
                <Image.PreviewGroup>
                  <Space wrap>
                    {s.photos.map((id, i) => (
                      <AuthImage key={id} id={id} load={publicityPhotoUrl} alt={`${s.heldOn} ${s.village.name} 活动照片 ${i + 1}`} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )
          }
        ]}
      />
    </Card>
  )
}
