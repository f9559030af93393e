import { Component, type ReactNode } from 'react'
import { Button, Result, Space } from 'antd'
import { isChunkLoadError, newBuildAvailable, resetFailedPages } from '../lib/page-loader'

interface State {
  error: Error | null
  newBuild: boolean
}

/**
 * Around the page area only: a page that fails to load (offline, server restarting, a new build with other chunk
 * names) or to render shows a Chinese message with 重新加载 inside the frame — the menu and header stay, never a white
 * screen. 重新加载 fetches the page again without reloading the tab; after a new build, 刷新页面 loads it.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null, newBuild: false }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  componentDidCatch(error: Error): void {
    if (isChunkLoadError(error)) void newBuildAvailable().then((newBuild) => this.setState({ newBuild }))
  }

  componentDidUpdate(previous: { resetKey: string }): void {
    // Another menu item: try again there.
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.retry()
  }

  retry = (): void => {
    resetFailedPages()
    this.setState({ error: null, newBuild: false })
  }

  render(): ReactNode {
    const { error, newBuild } = this.state
    if (!error) return this.props.children
    const chunk = isChunkLoadError(error)
    return (
      <Result
        status="warning"
        title={chunk ? '页面没有加载出来' : '页面出错了'}
        subTitle={
          newBuild
            ? '系统刚刚更新过。请点“刷新页面”载入新版本；其他页面上未保存的内容请先保存。'
            : chunk
              ? '可能是网络断开或服务器正在重启。请检查网络后点“重新加载”。'
              : '请点“重新加载”再试一次；仍有问题请联系管理员。'
        }
        extra={
          <Space wrap>
            <Button type="primary" onClick={this.retry}>
              重新加载
            </Button>
            {newBuild ? <Button onClick={() => window.location.reload()}>刷新页面</Button> : null}
          </Space>
        }
      />
    )
  }
}
