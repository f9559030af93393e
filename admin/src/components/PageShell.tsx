import { useEffect, type ReactNode } from 'react'
import { Flex, Typography } from 'antd'

/** Every page's frame: the level-one heading (also the tab title), actions beside it, the content below. */
export function PageShell({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · 反诈中心工作台`
  }, [title])
  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {actions ? (
          <Flex gap={8} wrap>
            {actions}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </>
  )
}
