import { useEffect, useState } from 'react'
import { Image, Typography } from 'antd'

/**
 * A picture behind the staff token (report screenshots, session photos): fetched with the one HTTP client and shown
 * from memory; its object URL is released when it goes.
 */
export function AuthImage({ id, load, alt }: { id: string; load: (id: string) => Promise<string>; alt: string }) {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let url: string | null = null
    let live = true
    load(id)
      .then((u) => {
        url = u
        if (live) setSrc(u)
        else URL.revokeObjectURL(u)
      })
      .catch(() => live && setFailed(true))
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [id, load])
  if (failed) return <Typography.Text type="danger">图片加载失败</Typography.Text>
  return src ? (
    <Image src={src} alt={alt} width={96} height={96} style={{ objectFit: 'cover' }} />
  ) : (
    <div role="img" aria-label={`${alt}（加载中）`} style={{ width: 96, height: 96, background: '#f0f0f0' }} />
  )
}
