import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { AdminVideo } from '../../../../types/learn'
import { createVideo, getFraudTypes, listVideos, setVideoPublished, updateVideo } from '../../services/learn'
import { messageOf } from '../../services/http'
import { MediaPicker } from './MediaPicker'
import { usePublishingColumns } from './publishing'
import { DataTable } from '../../components/DataTable'

/** "/media/3f2a….mp4" → "3f2a….mp4": what the video's fields store. */
const mediaName = (url: string) => url.replace(/^\/media\//, '')
const duration = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`

export function VideosTab() {
  const videos = useQuery({ queryKey: ['admin-videos'], queryFn: listVideos })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<AdminVideo | 'new' | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin-videos'] })
  const publishing = usePublishingColumns<AdminVideo>('admin-videos', setVideoPublished, setEditing)
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          上传视频
        </Button>
      </Flex>
      {videos.error ? <Alert type="error" showIcon title={messageOf(videos.error)} /> : null}
      <DataTable<AdminVideo>
        rowKey="id"
        loading={videos.isLoading}
        dataSource={videos.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          {
            title: '封面',
            dataIndex: 'coverUrl',
            width: 110,
            render: (url: string, v) => <img src={url} alt={`《${v.title}》封面`} width={96} height={54} style={{ objectFit: 'cover', borderRadius: 4 }} />
          },
          { title: '标题', dataIndex: 'title' },
          { title: '诈骗类型', key: 'type', width: 130, render: (_, v) => v.fraudType.name },
          { title: '时长', dataIndex: 'durationSeconds', width: 70, render: duration },
          { title: '字幕', dataIndex: 'captionsUrl', width: 70, render: (url: string | null) => (url ? '有' : '无') },
          { title: '播放', dataIndex: 'viewCount', width: 70 },
          ...publishing
        ]}
      />
      {editing ? (
        <VideoEditor
          video={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            message.success('已保存')
            refresh()
          }}
        />
      ) : null}
    </>
  )
}

interface VideoForm {
  title: string
  fraudType: string
  summary: string
  file: string
  cover: string
  captions?: string | null
}

function VideoEditor({ video, onClose, onSaved }: { video: AdminVideo | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<VideoForm>()
  const types = useQuery({ queryKey: ['fraud-types'], queryFn: getFraudTypes, staleTime: 300_000 })
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: VideoForm) => {
    setError(null)
    try {
      const input = { title: v.title.trim(), fraudType: v.fraudType, summary: v.summary.trim(), file: v.file, cover: v.cover, captions: v.captions ?? null }
      if (video) await updateVideo(video.id, input)
      else await createVideo(input)
      onSaved()
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <Modal
      open
      title={video ? `编辑：${video.title}` : '上传短视频'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          video
            ? {
                title: video.title,
                fraudType: video.fraudType.code,
                summary: video.summary,
                file: mediaName(video.videoUrl),
                cover: mediaName(video.coverUrl),
                captions: video.captionsUrl ? mediaName(video.captionsUrl) : null
              }
            : {}
        }
      >
        <Form.Item
          label="标题"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请填写标题' },
            { min: 2, max: 60, message: '标题2–60个字' }
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="诈骗类型" name="fraudType" rules={[{ required: true, message: '请选择诈骗类型' }]}>
          <Select options={(types.data ?? []).map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item
          label="内容简介（给不方便听声音的居民）"
          name="summary"
          rules={[
            { required: true, whitespace: true, message: '请填写简介' },
            { max: 1000, message: '最多1000个字' }
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item
          label="视频文件（MP4）"
          name="file"
          rules={[{ required: true, message: '请上传视频' }]}
          valuePropName="value"
          trigger="onUploaded"
          getValueFromEvent={(m: { name: string }) => m.name}
        >
          <MediaField label="选择视频" accept="video/mp4" />
        </Form.Item>
        <Form.Item
          label="封面图片（JPEG/PNG/WebP）"
          name="cover"
          rules={[{ required: true, message: '请上传封面' }]}
          valuePropName="value"
          trigger="onUploaded"
          getValueFromEvent={(m: { name: string }) => m.name}
        >
          <MediaField label="选择封面" accept="image/jpeg,image/png,image/webp" />
        </Form.Item>
        <Form.Item
          label="字幕（WebVTT 文件，.vtt，UTF-8）"
          name="captions"
          valuePropName="value"
          trigger="onUploaded"
          getValueFromEvent={(m: { name: string }) => m.name}
          extra="居民看视频时字幕默认显示在画面下方。没有字幕的视频，听不见声音的居民只能看简介。"
        >
          <MediaField label="选择字幕" accept=".vtt,text/vtt" onClear={() => form.setFieldValue('captions', null)} clearLabel="不用字幕" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** MediaPicker as a form control: the value is the stored file's name (an optional one can be cleared). */
function MediaField({
  value,
  onUploaded,
  label,
  accept,
  onClear,
  clearLabel
}: {
  value?: string | null
  onUploaded?: (m: { name: string }) => void
  label: string
  accept: string
  onClear?: () => void
  clearLabel?: string
}) {
  // Cleared: a fresh picker, so it no longer says 已上传 about the file taken away.
  const [cleared, setCleared] = useState(0)
  return (
    <Flex gap={8} align="start" wrap>
      <MediaPicker key={cleared} label={label} accept={accept} current={value ?? null} onUploaded={(m) => onUploaded?.(m)} />
      {onClear && value ? (
        <Button
          onClick={() => {
            setCleared(cleared + 1)
            onClear()
          }}
        >
          {clearLabel}
        </Button>
      ) : null}
    </Flex>
  )
}
