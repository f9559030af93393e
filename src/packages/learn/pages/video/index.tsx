import { Text, Video as VideoPlayer, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { Video } from '../../../../../types/learn'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { ApiError } from '../../../../services/http'
import { getVideo, mediaSrc, saveVideoProgress } from '../../../../services/learn'
import { useSession } from '../../../../stores/session'
import './index.scss'

/** Progress is saved at most this often while playing (and at pause and end). */
const SAVE_EVERY_SECONDS = 5

export default function VideoPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [video, setVideo] = useState<Video | null>(null)
  const [error, setError] = useState<string | null>(null)
  const signedIn = useSession((s) => s.tokens !== null)
  const lastSaved = useRef(0)
  const position = useRef(0)

  const load = () => {
    setError(null)
    getVideo(id).then(setVideo).catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试'))
  }
  // Once per video id.
  useEffect(load, [id])

  const save = (completed = false) => {
    if (!signedIn || !video) return
    lastSaved.current = position.current
    void saveVideoProgress(video.id, position.current, completed).catch(() => {})
  }

  if (error) return <><SystemFontSize /><StateView kind='error' message={error} onRetry={load} /></>
  if (!video) return <><SystemFontSize /><StateView kind='loading' message='正在加载视频…' /></>

  // Resume where the resident stopped, unless they had reached the end.
  const resumeAt = video.progressSeconds && video.progressSeconds < video.durationSeconds - 1 ? video.progressSeconds : 0
  return (
    <View className='video-page' role='main'>
      <InnerNav />
      <SystemFontSize />
      {/* Taro's H5 player is absolutely positioned: the stage gives it its place in the page. */}
      <View className='video-page__stage'>
      <VideoPlayer
        id='fraud-video'
        className='video-page__player'
        src={mediaSrc(video.videoUrl)}
        poster={mediaSrc(video.coverUrl)}
        initialTime={resumeAt}
        controls
        showFullscreenBtn
        objectFit='contain'
        onTimeUpdate={(e) => {
          position.current = Number((e.detail as { currentTime?: number }).currentTime ?? 0)
          if (position.current - lastSaved.current >= SAVE_EVERY_SECONDS) save()
        }}
        onPause={() => save()}
        onEnded={() => save(true)}
      />
      </View>
      <Card>
        <Heading level={1} className='video-page__title'>{video.title}</Heading>
        <View className='video-page__meta'>
          <Tag>{video.fraudType.name}</Tag>
          <Text className='video-page__views'>{`${video.viewCount}次观看`}</Text>
          {resumeAt > 0 ? <Text className='video-page__resume'>{`从上次看到的 ${Math.floor(resumeAt)} 秒处继续`}</Text> : null}
        </View>
        <Heading className='video-page__subtitle'>视频说了什么</Heading>
        <Text className='video-page__summary'>{video.summary}</Text>
      </Card>
    </View>
  )
}
