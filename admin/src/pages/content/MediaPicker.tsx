import { useState } from 'react'
import { Button, Flex, Progress, Typography, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import type { MediaFile } from '../../../../types/learn'
import { uploadMedia } from '../../services/learn'
import { messageOf } from '../../services/http'

/** Picks a file and uploads it at once with a progress bar; the server decides its type by its bytes. */
export function MediaPicker({
  label,
  accept,
  current,
  onUploaded
}: {
  label: string
  accept: string
  current: string | null
  onUploaded: (m: MediaFile) => void
}) {
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const pick = (file: File) => {
    setError(null)
    setDone(null)
    setProgress(0)
    uploadMedia(file, setProgress)
      .then((m) => {
        setDone(file.name)
        onUploaded(m)
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setProgress(null))
    return false
  }
  return (
    <Flex vertical gap={4}>
      <Upload beforeUpload={pick} accept={accept} showUploadList={false} maxCount={1}>
        <Button icon={<UploadOutlined aria-hidden />} loading={progress !== null}>
          {label}
        </Button>
      </Upload>
      {progress !== null ? (
        <div role="status" aria-live="polite">
          <Progress percent={progress} size="small" status="active" aria-label={`${label}进度 ${progress}%`} />
        </div>
      ) : null}
      {done ? (
        <Typography.Text role="status">{`已上传：${done}`}</Typography.Text>
      ) : current ? (
        <Typography.Text type="secondary">{`当前文件：${current}`}</Typography.Text>
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
    </Flex>
  )
}
