import { Type, type Static } from '@sinclair/typebox'
import { BulletinBlock } from './bulletins'

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Code = Type.String({ pattern: '^[a-z0-9-]{2,40}$' })

export const FraudType = Type.Object({
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 20 }),
  description: Type.String({ minLength: 1, maxLength: 300 }),
  signs: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 10, description: 'Warning signs' })
})
export type FraudType = Static<typeof FraudType>
export const FraudTypeList = Type.Object({ items: Type.Array(FraudType) }, { $id: 'FraudTypeList' })
export type FraudTypeList = Static<typeof FraudTypeList>
export const FraudTypeInput = Type.Omit(FraudType, ['code'], { additionalProperties: false })
export type FraudTypeInput = Static<typeof FraudTypeInput>

const NamedType = Type.Object({ code: Type.String(), name: Type.String() })

export const TipInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 60 }),
    fraudTypes: Type.Array(Code, { minItems: 1, maxItems: 4, description: 'Fraud-type codes' }),
    body: Type.Array(BulletinBlock, { minItems: 1, maxItems: 30 }),
    source: Type.String({ minLength: 1, maxLength: 60, description: 'e.g. 宁陕县反诈中心' }),
    publishedOn: IsoDate
  },
  { additionalProperties: false }
)
export type TipInput = Static<typeof TipInput>
export const TipPatch = Type.Partial(TipInput, { additionalProperties: false, minProperties: 1 })
export type TipPatch = Static<typeof TipPatch>

export const TipListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  fraudTypes: Type.Array(NamedType),
  excerpt: Type.String({ description: 'The first words of the body' }),
  source: Type.String(),
  publishedOn: IsoDate,
  learned: Type.Boolean({ description: 'Marked as learned by me (false when anonymous)' })
})
export type TipListItem = Static<typeof TipListItem>
export const TipPage = Type.Object({ items: Type.Array(TipListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }, { $id: 'TipPage' })
export type TipPage = Static<typeof TipPage>
export const TipDetail = Type.Object({ ...TipListItem.properties, body: Type.Array(BulletinBlock) }, { $id: 'TipDetail' })
export type TipDetail = Static<typeof TipDetail>
export const AdminTip = Type.Object({ ...TipDetail.properties, status: Type.Union([Type.Literal('draft'), Type.Literal('published')]) }, { $id: 'AdminTip' })
export type AdminTip = Static<typeof AdminTip>

export const TipsQuery = Type.Object({
  type: Type.Optional(Code),
  q: Type.Optional(Type.String({ maxLength: 40, description: 'Words to find in title and text (Chinese substrings, e.g. 投资)' })),
  cursor: Type.Optional(Type.String({ maxLength: 40 }))
})
export type TipsQuery = Static<typeof TipsQuery>

export const LearnedRequest = Type.Object({ learned: Type.Boolean() })

export const MediaFile = Type.Object(
  {
    name: Type.String({ description: 'Content-addressed file name, e.g. 3f2a…c1.mp4' }),
    url: Type.String({ description: 'Where it is served, e.g. /media/3f2a…c1.mp4 (Range requests, immutable)' }),
    contentType: Type.String(),
    size: Type.Integer(),
    durationSeconds: Type.Union([Type.Number(), Type.Null()], { description: 'For MP4: from its movie header' })
  },
  { $id: 'MediaFile' }
)
export type MediaFile = Static<typeof MediaFile>

export const VideoInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 60 }),
    fraudType: Code,
    summary: Type.String({ minLength: 1, maxLength: 1000, description: 'What the video says, for residents who cannot play sound' }),
    file: Type.String({ maxLength: 80, description: 'A video uploaded to /admin/media' }),
    cover: Type.String({ maxLength: 80, description: 'An image uploaded to /admin/media' }),
    captions: Type.Optional(
      Type.Union([Type.String({ maxLength: 80 }), Type.Null()], {
        description: 'Captions (WebVTT) uploaded to /admin/media, shown under the video by default; null removes them'
      })
    ),
    durationSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 3600, description: "Defaults to the MP4's own duration" }))
  },
  { additionalProperties: false }
)
export type VideoInput = Static<typeof VideoInput>
export const VideoPatch = Type.Partial(VideoInput, { additionalProperties: false, minProperties: 1 })
export type VideoPatch = Static<typeof VideoPatch>

export const Video = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    fraudType: NamedType,
    durationSeconds: Type.Number(),
    coverUrl: Type.String(),
    videoUrl: Type.String(),
    captionsUrl: Type.Union([Type.String(), Type.Null()], { description: 'WebVTT captions (Chinese), or null when the video has none' }),
    summary: Type.String(),
    viewCount: Type.Integer(),
    progressSeconds: Type.Union([Type.Number(), Type.Null()], { description: 'Where I stopped watching (signed in)' })
  },
  { $id: 'Video' }
)
export type Video = Static<typeof Video>
export const VideoList = Type.Object({ items: Type.Array(Video) }, { $id: 'VideoList' })
export type VideoList = Static<typeof VideoList>
export const AdminVideo = Type.Object({ ...Video.properties, status: Type.Union([Type.Literal('draft'), Type.Literal('published')]) }, { $id: 'AdminVideo' })
export type AdminVideo = Static<typeof AdminVideo>

export const ProgressRequest = Type.Object({ positionSeconds: Type.Number({ minimum: 0, maximum: 36_000 }), completed: Type.Optional(Type.Boolean()) })
export type ProgressRequest = Static<typeof ProgressRequest>
