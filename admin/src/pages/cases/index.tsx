import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography, Upload } from 'antd'
import { PlusOutlined, UploadOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { Link } from 'react-router-dom'
import type { CaseImportResult, CaseInput, CaseRecord } from '../../../../types/cases'
import { PageShell } from '../../components/PageShell'
import { DataTable } from '../../components/DataTable'
import { addCase, importCases, listCases } from '../../services/cases'
import { ApiError, messageOf } from '../../services/http'
import { useAreas } from '../../hooks/useAreas'
import { useSession } from '../../stores/session'
import { accessFor } from '../../access'
import { chinaToday } from '../../lib/days'
import { yuan } from '../../lib/labels'
import { readTextFile } from '../../lib/csv'

/** 案件登记 (立案): the cases behind the 无诈 figures; one by hand or a CSV from the case system. */
export default function CasesPage() {
  const access = accessFor(useSession((s) => s.session?.role))
  const today = chinaToday()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)])
  const [adding, setAdding] = useState(false)
  const [result, setResult] = useState<CaseImportResult | null>(null)
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const q = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
  const cases = useQuery({ queryKey: ['cases', q], queryFn: () => listCases(q) })
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['cases'] })
  // The file is read here and sent as text: antd's own upload request is not used.
  const upload = async (file: File) => {
    try {
      const { text } = await readTextFile(file)
      const r = await importCases(text)
      setResult(r)
      // Never a green toast over refused rows: the clerk must see that some did not go in.
      if (r.rejected.length > 0) message.warning(`新增 ${r.added} 件，更新 ${r.updated} 件；${r.rejected.length} 行没有导入，见下方原因`)
      else message.success(`新增 ${r.added} 件，更新 ${r.updated} 件，全部导入`)
      refresh()
    } catch (err) {
      message.error(messageOf(err))
    }
  }
  return (
    <PageShell
      title="案件登记"
      actions={
        access.canCall ? (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              登记案件
            </Button>
            <Upload
              accept=".csv,text/csv"
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f)
                return false
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />}>导入 CSV</Button>
            </Upload>
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        CSV（Excel 另存为 CSV 即可，UTF-8 或 GBK 均可）列依次为：立案编号、立案日期（2026-12-04 或
        2026/12/4）、乡镇（名称或代码）、村（社区，可空）、诈骗类型、损失金额（元）、挽回金额（元，可空）、预警编号（可空）。第一行可以是表头。同一立案编号再次导入即更新。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker aria-label="立案日期" value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
      {result && result.rejected.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          closable
          onClose={() => setResult(null)}
          title={`${result.rejected.length} 行没有导入`}
          description={
            <ul style={{ margin: 0 }}>
              {result.rejected.slice(0, 20).map((r) => (
                <li key={r.line}>{`第${r.line}行：${r.reason}`}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {cases.error ? <Alert type="error" showIcon title={messageOf(cases.error)} /> : null}
      <DataTable<CaseRecord>
        rowKey="id"
        loading={cases.isLoading}
        dataSource={cases.data ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 820 }}
        columns={[
          { title: '立案编号', dataIndex: 'caseNo' },
          { title: '立案日期', dataIndex: 'filedOn', width: 120 },
          { title: '所在地', key: 'place', render: (_, c) => `${c.townshipName ?? c.townshipCode}${c.villageName ? ` ${c.villageName}` : ''}` },
          { title: '诈骗类型', dataIndex: 'fraudType' },
          { title: '损失', dataIndex: 'lossAmount', render: (n: number) => yuan(n) },
          { title: '挽回', dataIndex: 'recoveredAmount', render: (n: number) => yuan(n) },
          { title: '关联预警', dataIndex: 'warningId', render: (id: string | null) => (id ? <Link to={`/warnings/${id}`}>{`#${id}`}</Link> : '—') }
        ]}
      />
      <AddCaseModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false)
          message.success('案件已登记')
          refresh()
        }}
      />
    </PageShell>
  )
}

type CaseValues = Omit<CaseInput, 'filedOn'> & { filedOn: Dayjs }

function AddCaseModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [form] = Form.useForm<CaseValues>()
  const { townships } = useAreas()
  const township = Form.useWatch('townshipCode', form)
  const villages = townships.find((t) => t.code === township)?.villages ?? []
  const submit = async (v: CaseValues) => {
    try {
      await addCase({
        ...v,
        filedOn: v.filedOn.format('YYYY-MM-DD'),
        ...(v.villageCode ? {} : { villageCode: undefined }),
        ...(v.warningId ? {} : { warningId: undefined })
      })
      form.resetFields()
      onAdded()
    } catch (err) {
      form.setFields([{ name: (err instanceof ApiError && err.field ? err.field : 'caseNo') as keyof CaseValues, errors: [messageOf(err)] }])
    }
  }
  return (
    <Modal open={open} title="登记案件" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ lossAmount: 0, recoveredAmount: 0 }}>
        <Form.Item label="立案编号" name="caseNo" rules={[{ required: true, whitespace: true, message: '请填写立案编号' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="立案日期" name="filedOn" rules={[{ required: true, message: '请选择立案日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="乡镇" name="townshipCode" rules={[{ required: true, message: '请选择乡镇' }]}>
          <Select options={townships.map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item label="村（社区，选填）" name="villageCode">
          <Select allowClear options={villages.map((v) => ({ value: v.code, label: v.name }))} />
        </Form.Item>
        <Form.Item
          label="诈骗类型"
          name="fraudType"
          rules={[
            { required: true, whitespace: true, message: '请填写诈骗类型' },
            { max: 32, message: '最多32个字' }
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="损失金额（元）" name="lossAmount" rules={[{ required: true, message: '请填写损失金额' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="挽回金额（元）" name="recoveredAmount">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="关联预警编号（选填）" name="warningId" rules={[{ pattern: /^\d{1,18}$/, message: '预警编号为数字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
