import { Button, Flex, Typography } from 'antd'
import { StatusTag } from '../../components/StatusTag'
import { DownloadOutlined } from '@ant-design/icons'
import type { Coverage } from '../../../../types/admin'
import { download, toCsv } from '../../lib/csv'
import { percent } from '../../lib/days'
import { DataTable } from '../../components/DataTable'

type Township = Coverage['townships'][number]
type Village = Township['villages'][number]

/** One township's villages: sortable, exportable; villages where nobody is registered say so in words and colour. */
export function VillageTable({ township, asOf }: { township: Township; asOf: string }) {
  const exportCsv = () =>
    download(
      `覆盖情况-${township.name}-${asOf}.csv`,
      toCsv(
        ['村（社区）', '代码', '16–60岁人口', '已登记（16–60岁）', '覆盖率'],
        township.villages.map((v) => [v.name, v.code, v.population16to60, v.registered16to60, percent(v.ratio)])
      )
    )
  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {township.name}各村（社区）
        </Typography.Title>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={exportCsv}>
          导出CSV
        </Button>
      </Flex>
      <DataTable<Village>
        rowKey="code"
        size="middle"
        dataSource={township.villages}
        pagination={false}
        scroll={{ x: 520 }}
        label={`${township.name}各村登记覆盖表（可左右滚动）`}
        rowClassName={(v) => (v.registered16to60 === 0 ? 'village-empty' : '')}
        columns={[
          {
            title: '村（社区）',
            dataIndex: 'name',
            render: (name: string, v) => (
              <Flex gap={8} wrap align="center">
                {name}
                {v.registered16to60 === 0 ? <StatusTag tone="warning">无人登记</StatusTag> : null}
              </Flex>
            )
          },
          { title: '16–60岁人口', dataIndex: 'population16to60', align: 'right', sorter: (a, b) => a.population16to60 - b.population16to60 },
          { title: '已登记', dataIndex: 'registered16to60', align: 'right', sorter: (a, b) => a.registered16to60 - b.registered16to60 },
          {
            title: '覆盖率',
            dataIndex: 'ratio',
            align: 'right',
            defaultSortOrder: 'ascend',
            sorter: (a, b) => a.ratio - b.ratio,
            render: (r: number) => percent(r)
          }
        ]}
      />
    </>
  )
}
