import { App, Button, Space, type TableColumnsType } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { StatusTag } from '../../components/StatusTag'
import { messageOf } from '../../services/http'

/** What tips and videos have in common in the console: a title, a draft/published state, edit and 发布/下线. */
interface Publishable {
  id: string
  title: string
  status: 'draft' | 'published'
}

/** The 状态 and 操作 columns of the tips and videos tables; a toggle refreshes the list under `queryKey`. */
export function usePublishingColumns<T extends Publishable>(
  queryKey: string,
  setPublished: (id: string, published: boolean) => Promise<unknown>,
  onEdit: (item: T) => void
): TableColumnsType<T> {
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const toggle = async (item: T) => {
    const publishing = item.status !== 'published'
    try {
      await setPublished(item.id, publishing)
      message.success(publishing ? `已发布《${item.title}》` : `已下线《${item.title}》`)
      void queryClient.invalidateQueries({ queryKey: [queryKey] })
    } catch (err) {
      message.error(messageOf(err))
    }
  }
  return [
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: Publishable['status']) => <StatusTag tone={s === 'published' ? 'success' : 'neutral'}>{s === 'published' ? '已发布' : '草稿'}</StatusTag>
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, item) => (
        <Space>
          <Button size="small" onClick={() => onEdit(item)} aria-label={`编辑《${item.title}》`}>
            编辑
          </Button>
          <Button size="small" onClick={() => void toggle(item)} aria-label={`${item.status === 'published' ? '下线' : '发布'}《${item.title}》`}>
            {item.status === 'published' ? '下线' : '发布'}
          </Button>
        </Space>
      )
    }
  ]
}
