import { Text, Video as VideoPlayer, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { Video } from '../../../../../types/learn'
import { cueAt, type Cue } from '../../../../../types/webvtt'
import { AppButton } from '../../../../components/AppButton'
import { named } from '../../../../components/a11y'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { ApiError } from '../../../../services/http'
import { getCaptions, getVideo, mediaSrc, saveVideoProgress } from '../../../../services/learn'
import { useSession } from '../../../../stores/session'
import { createReadingCache } from '../../../../stores/reading-cache'
import './index.scss'

/** Progress is saved at most this often while playing (and at pause and end). */
const SAVE_EVERY_SECONDS = 5
/** What 后退 / 前进 skip. */
const SKIP_SECONDS = 10
const PLAYER_ID = 'fraud-video'

/** 75 → "1:15". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** A video's words kept on the phone: its title and summary, and its captions once loaded. */
interface SavedVideo {
  video: Video
  cues: Cue[] | null
}
const useVideoTexts = createReadingCache<SavedVideo>('qiandai.video-texts', 200 * 1024)

export default function VideoPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [video, setVideo] = useState<Video | null>(null)
  const [error, setError] = useState<string | null>(null)
  const signedIn = useSession((s) => s.tokens !== null)
  const lastSaved = useRef(0)
  const position = useRef(0)
  // What the controls under the player show: Taro's H5 player draws its own controls as plain boxes (no role, no
  // name, out of Tab's reach, 12 px text), so the page has its own, in both builds, at the page's text size.
  const [playing, setPlaying] = useState(false)
  const [now, setNow] = useState(0)
  const [cues, setCues] = useState<Cue[] | null>(null)
  const [showCaptions, setShowCaptions] = useState(true)

  // Without a network: the video's words as kept on the phone (it cannot play), or null.
  const [savedCopy, setSavedCopy] = useState<SavedVideo | null>(null)

  const load = () => {
    setError(null)
    getVideo(id)
      .then((v) => {
        setVideo(v)
        setSavedCopy(null)
        useVideoTexts.getState().save(v.id, { video: v, cues: useVideoTexts.getState().get(v.id)?.cues ?? null })
      })
      .catch((err: unknown) => {
        const saved = useVideoTexts.getState().get(id)
        if (saved && err instanceof ApiError && err.code === 'NETWORK') setSavedCopy(saved)
        else setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试')
      })
  }
  // Once per video id.
  useEffect(load, [id])
  // Captions are shown by default; a video without them (or a file that fails to load) simply has none.
  const captionsUrl = video?.captionsUrl ?? null
  useEffect(() => {
    setCues(null)
    if (!captionsUrl) return
    let current = true
    getCaptions(captionsUrl)
      .then((c) => {
        if (current) setCues(c)
        // The captions are the video's words: kept with it, to be read offline.
        const saved = useVideoTexts.getState().get(id)
        if (saved) useVideoTexts.getState().save(id, { ...saved, cues: c })
      })
      .catch(() => {})
    return () => {
      current = false
    }
  }, [captionsUrl, id])

  const save = (completed = false) => {
    if (!signedIn || !video) return
    lastSaved.current = position.current
    void saveVideoProgress(video.id, position.current, completed).catch(() => {})
  }

  if (savedCopy)
    return (
      <View className="video-page" role="main">
        <InnerNav />
        <SystemFontSize />
        <View className="video-page__offline" role="status">
          <Text>网络不通：视频要联网才能播放，这是这台手机上保存的文字。</Text>
          <AppButton onClick={load}>重试</AppButton>
        </View>
        <Card>
          <Heading level={1} className="video-page__title">
            {savedCopy.video.title}
          </Heading>
          <Heading className="video-page__subtitle">视频说了什么</Heading>
          <Text className="video-page__summary">{savedCopy.video.summary}</Text>
          {savedCopy.cues && savedCopy.cues.length > 0 ? (
            <>
              <Heading className="video-page__subtitle">视频里的话</Heading>
              {savedCopy.cues.map((c, i) => (
                <Text key={i} className="video-page__summary">
                  {c.text}
                </Text>
              ))}
            </>
          ) : null}
        </Card>
      </View>
    )
  if (error)
    return (
      <>
        <SystemFontSize />
        <StateView kind="error" message={error} onRetry={load} />
      </>
    )
  if (!video)
    return (
      <>
        <SystemFontSize />
        <StateView kind="loading" message="正在加载视频…" />
      </>
    )

  // Resume where the resident stopped, unless they had reached the end.
  const resumeAt = video.progressSeconds && video.progressSeconds < video.durationSeconds - 1 ? video.progressSeconds : 0
  const player = () => Taro.createVideoContext(PLAYER_ID)
  const seekBy = (delta: number) => {
    const to = Math.min(Math.max(0, position.current + delta), video.durationSeconds)
    player().seek(to)
    position.current = to
    setNow(to)
  }
  const cue = cues && showCaptions ? cueAt(cues, now) : null
  return (
    <View className="video-page" role="main">
      <InnerNav />
      <SystemFontSize />
      {/* Taro's H5 player is absolutely positioned: the stage gives it its place in the page. */}
      <View className="video-page__stage">
        <VideoPlayer
          id={PLAYER_ID}
          className="video-page__player"
          src={mediaSrc(video.videoUrl)}
          poster={mediaSrc(video.coverUrl)}
          initialTime={resumeAt}
          controls
          showFullscreenBtn
          objectFit="contain"
          onTimeUpdate={(e) => {
            position.current = Number((e.detail as { currentTime?: number }).currentTime ?? 0)
            setNow(position.current)
            if (position.current - lastSaved.current >= SAVE_EVERY_SECONDS) save()
          }}
          onPlay={() => setPlaying(true)}
          onPause={() => {
            setPlaying(false)
            save()
          }}
          onEnded={() => {
            setPlaying(false)
            save(true)
          }}
        />
      </View>
      {cues && showCaptions ? (
        // The line under the picture (not over it): large enough to read at any text size, never covering the video.
        <View className="video-page__caption" {...named('region', '字幕')}>
          <Text className="video-page__caption-text">{cue?.text ?? ''}</Text>
        </View>
      ) : null}
      <View className="video-page__controls" {...named('group', '播放控制')}>
        <AppButton variant="primary" className="video-page__play" onClick={() => (playing ? player().pause() : player().play())}>
          {playing ? '暂停' : '播放'}
        </AppButton>
        <AppButton onClick={() => seekBy(-SKIP_SECONDS)}>{`后退${SKIP_SECONDS}秒`}</AppButton>
        <AppButton onClick={() => seekBy(SKIP_SECONDS)}>{`前进${SKIP_SECONDS}秒`}</AppButton>
        <AppButton onClick={() => player().requestFullScreen({ direction: 0 })}>全屏</AppButton>
        {cues ? <AppButton onClick={() => setShowCaptions(!showCaptions)}>{showCaptions ? '关闭字幕' : '打开字幕'}</AppButton> : null}
        <Text className="video-page__time">{`${clock(now)} / ${clock(video.durationSeconds)}`}</Text>
      </View>
      <Card>
        <Heading level={1} className="video-page__title">
          {video.title}
        </Heading>
        <View className="video-page__meta">
          <Tag>{video.fraudType.name}</Tag>
          <Text className="video-page__views">{`${video.viewCount}次观看`}</Text>
          {resumeAt > 0 ? <Text className="video-page__resume">{`从上次看到的 ${Math.floor(resumeAt)} 秒处继续`}</Text> : null}
        </View>
        <Heading className="video-page__subtitle">视频说了什么</Heading>
        <Text className="video-page__summary">{video.summary}</Text>
      </Card>
    </View>
  )
}
