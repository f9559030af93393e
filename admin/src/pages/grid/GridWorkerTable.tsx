import { Button, Popconfirm } from 'antd'
import type { GridWorker } from '../../../../types/grid'
import { DataTable } from '../../components/DataTable'
import { chinaTime } from '../../lib/labels'

/** Grid workers, one row per village they hold; with 撤销 when the viewer may revoke. */
export function GridWorkerTable({ items, onRevoke }: { items: GridWorker[]; onRevoke?: (g: GridWorker) => void }) {
  return (
    <DataTable<GridWorker>
      rowKey="id"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 960 }}
      label="网格员名单（可左右滚动）"
      locale={{ emptyText: '还没有网格员' }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 110 },
        { title: '手机号', dataIndex: 'phone', width: 130 },
        // Fixed widths: left flexible, the place columns were squeezed to one character beside the fixed ones.
        { title: '乡镇', key: 'township', width: 110, render: (_, g) => g.township.name },
        { title: '村（社区）', key: 'village', width: 130, render: (_, g) => g.village.name },
        { title: '宣传场次', dataIndex: 'sessions', width: 96 },
        { title: '覆盖人数', dataIndex: 'peopleReached', width: 96 },
        { title: '任命', key: 'appointed', width: 200, render: (_, g) => `${chinaTime(g.appointedAt)}（${g.appointedBy}）` },
        ...(onRevoke
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 90,
                render: (_: unknown, g: GridWorker) => (
                  <Popconfirm title={`撤销 ${g.name} 在${g.village.name}的网格员任命？`} okText="撤销" cancelText="不撤销" onConfirm={() => onRevoke(g)}>
                    <Button size="small" danger>{`撤销`}</Button>
                  </Popconfirm>
                )
              }
            ]
          : [])
      ]}
    />
  )
}
