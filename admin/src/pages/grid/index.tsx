import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd'
import { useState } from 'react'
import { PageShell } from '../../components/PageShell'
import { appointGridWorker, listGridWorkers, revokeGridWorker } from '../../services/grid'
import { messageOf } from '../../services/http'
import { getAreas } from '../../services/stats'
import { GridWorkerTable } from './GridWorkerTable'

/**
 * 网格员: the centre appoints a registered resident (found by the phone they registered with) for villages, and
 * revokes an appointment; both are in the audit log. The grid worker then sees 网格员工作台 in the app.
 */
export default function GridWorkersPage() {
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
    <PageShell title='网格员'>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>任命网格员</Typography.Title>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type='secondary'>对方需先在“守好钱袋子”小程序里完成登记。任命后，对方在“我的 → 网格员工作台”里可以看到所负责村（社区）的登记人数（不显示任何人的姓名）、代登记和记录宣传活动。</Typography.Paragraph>
        {error ? <Alert type='error' showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout='vertical' onFinish={(v) => void appoint(v)} style={{ maxWidth: 560 }}>
          <Form.Item label='登记用的手机号' name='phone' rules={[{ required: true, message: '请输入手机号' }]}>
            <Input inputMode='numeric' maxLength={20} autoComplete='off' />
          </Form.Item>
          <Form.Item label='负责的村（社区）' name='villageCodes' rules={[{ required: true, message: '请选择至少一个村（社区）' }]}>
            <Select mode='multiple' loading={areas.isLoading} placeholder='选择村（社区）' optionFilterProp='label'
              options={(areas.data ?? []).map((t) => ({ label: t.name, title: t.name, options: t.villages.map((v) => ({ value: v.code, label: `${t.name} ${v.name}` })) }))} />
          </Form.Item>
          <Button type='primary' htmlType='submit' loading={busy}>任命</Button>
        </Form>
      </Card>
      {workers.error ? <Alert type='error' showIcon title={messageOf(workers.error)} /> : null}
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>网格员名单</Typography.Title>}>
        <GridWorkerTable items={workers.data ?? []} onRevoke={(g) => void revokeGridWorker(g.id).then(() => {
          message.success('已撤销')
          refresh()
        }, (err: unknown) => message.error(messageOf(err)))} />
      </Card>
    </PageShell>
  )
}
