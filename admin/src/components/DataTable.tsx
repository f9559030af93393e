import { useEffect, useRef } from 'react'
import { Table, type TableProps } from 'antd'

/**
 * antd's Table, with its sideways-scrolling area reachable by keyboard: on a phone a wide table scrolls inside its
 * card, and a scrollable region must take focus (axe-core: scrollable-region-focusable) so arrow keys can move it.
 */
export function DataTable<T extends object>({ label = '表格（可左右滚动）', ...props }: TableProps<T> & { label?: string }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    for (const el of box.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      el.tabIndex = 0
      el.setAttribute('role', 'region')
      el.setAttribute('aria-label', label)
    }
  })
  return (
    <div ref={box}>
      <Table<T> {...props} />
    </div>
  )
}
