import type {
  AdminTip,
  AdminVideo,
  FraudType,
  FraudTypeInput,
  TipDetail,
  TipInput,
  TipListItem,
  TipPage,
  TipPatch,
  Video,
  VideoInput,
  VideoPatch
} from '../../../types/learn.ts'
import { bulletinProblems } from '../bulletins/validate.ts'
import { AppError } from '../plugins/errors.ts'
import { isRealDate } from '../residents/id-number.ts'
import type { MediaRepository } from '../media/repository.ts'
import { mediaUrl } from '../media/storage.ts'
import type { LearnRepository, TipRow, VideoRow } from './repository.ts'
import { blockText, excerpt, fold, searchTerms } from './text.ts'

const PAGE_SIZE = 10
const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `没有找到这个${what}`)

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url')
}
function decodeOffset(cursor: string): number | null {
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return m ? Number(m[1]) : null
}

export class LearnService {
  constructor(
    private readonly repository: LearnRepository,
    private readonly media: MediaRepository,
    private readonly imageHosts: ReadonlySet<string> = new Set()
  ) {}

  async fraudTypes(): Promise<FraudType[]> {
    return this.repository.fraudTypes()
  }

  async saveFraudType(code: string, input: FraudTypeInput): Promise<FraudType> {
    if ((await this.repository.upsertFraudType(code, input)) === 'name-taken')
      throw new AppError(409, 'NAME_TAKEN', `已有名为“${input.name}”的诈骗类型`, 'name')
    return { code, ...input }
  }

  // Tips

  async createTip(input: TipInput): Promise<AdminTip> {
    const names = await this.validateTip(input)
    const id = await this.repository.createTip({ ...input, searchText: this.searchText(input.title, input.body, input.fraudTypes, names) })
    return this.adminTip(id)
  }

  async updateTip(id: string, patch: TipPatch): Promise<AdminTip> {
    const current = await this.tipRow(id, false)
    const merged: TipInput = {
      title: patch.title ?? current.title,
      fraudTypes: patch.fraudTypes ?? current.fraud_types,
      body: patch.body ?? (current.body as TipInput['body']),
      source: patch.source ?? current.source,
      publishedOn: patch.publishedOn ?? current.published_on
    }
    const names = await this.validateTip(merged)
    await this.repository.updateTip(id, patch, this.searchText(merged.title, merged.body, merged.fraudTypes, names))
    return this.adminTip(id)
  }

  async setTipStatus(id: string, status: 'draft' | 'published'): Promise<AdminTip> {
    await this.tipRow(id, false)
    await this.repository.setTipStatus(id, status)
    return this.adminTip(id)
  }

  async adminTips(): Promise<AdminTip[]> {
    const names = await this.typeNames()
    return (await this.repository.allTips()).map((r) => ({ ...this.tipDetail(r, names, false), status: r.status }))
  }

  async adminTip(id: string): Promise<AdminTip> {
    const row = await this.tipRow(id, false)
    return { ...this.tipDetail(row, await this.typeNames(), false), status: row.status }
  }

  /** Published tips, optionally of one type and matching the words of `q`, ranked, 10 a page. */
  async tips(query: { type?: string; q?: string; cursor?: string }, residentId: string | null): Promise<TipPage> {
    const offset = query.cursor ? decodeOffset(query.cursor) : 0
    if (offset === null) throw new AppError(400, 'BAD_REQUEST', '翻页参数不正确，请重新搜索')
    const rows = await this.repository.searchTips({ type: query.type, terms: searchTerms(query.q) }, offset, PAGE_SIZE + 1)
    const page = rows.slice(0, PAGE_SIZE)
    const learned = residentId
      ? await this.repository.learnedAmong(
          residentId,
          page.map((r) => String(r.id))
        )
      : new Set<string>()
    const names = await this.typeNames()
    const items: TipListItem[] = page.map((r) => this.tipItem(r, names, learned.has(String(r.id))))
    return { items, nextCursor: rows.length > PAGE_SIZE ? encodeOffset(offset + PAGE_SIZE) : null }
  }

  async tip(id: string, residentId: string | null): Promise<TipDetail> {
    const row = await this.tipRow(id, true)
    const learned = residentId ? (await this.repository.learnedAmong(residentId, [String(row.id)])).has(String(row.id)) : false
    return this.tipDetail(row, await this.typeNames(), learned)
  }

  async setLearned(residentId: string, tipId: string, learned: boolean): Promise<TipDetail> {
    await this.tipRow(tipId, true)
    await this.repository.setLearned(residentId, tipId, learned)
    return this.tip(tipId, residentId)
  }

  // Videos

  async createVideo(input: VideoInput): Promise<AdminVideo> {
    const duration = await this.validateVideo(input)
    const id = await this.repository.createVideo({ ...input, durationSeconds: duration })
    return this.adminVideo(id)
  }

  async updateVideo(id: string, patch: VideoPatch): Promise<AdminVideo> {
    const current = await this.videoRow(id, false)
    const duration = await this.validateVideo({
      title: patch.title ?? current.title,
      fraudType: patch.fraudType ?? current.fraud_type,
      summary: patch.summary ?? current.summary,
      file: patch.file ?? current.file,
      cover: patch.cover ?? current.cover,
      captions: patch.captions,
      durationSeconds: patch.durationSeconds ?? (patch.file ? undefined : Number(current.duration_seconds))
    })
    await this.repository.updateVideo(id, { ...patch, durationSeconds: duration })
    return this.adminVideo(id)
  }

  async setVideoStatus(id: string, status: 'draft' | 'published'): Promise<AdminVideo> {
    await this.videoRow(id, false)
    await this.repository.setVideoStatus(id, status)
    return this.adminVideo(id)
  }

  async adminVideos(): Promise<AdminVideo[]> {
    const names = await this.typeNames()
    return (await this.repository.videos(false)).map((r) => ({ ...this.video(r, names, null), status: r.status }))
  }

  async adminVideo(id: string): Promise<AdminVideo> {
    const row = await this.videoRow(id, false)
    return { ...this.video(row, await this.typeNames(), null), status: row.status }
  }

  async videos(residentId: string | null): Promise<Video[]> {
    const rows = await this.repository.videos(true)
    const progress = residentId
      ? await this.repository.progressFor(
          residentId,
          rows.map((r) => String(r.id))
        )
      : new Map<string, number>()
    const names = await this.typeNames()
    return rows.map((r) => this.video(r, names, progress.get(String(r.id)) ?? null))
  }

  /** One published video; each fetch counts as a view. */
  async videoDetail(id: string, residentId: string | null): Promise<Video> {
    const row = await this.videoRow(id, true)
    await this.repository.countView(String(row.id))
    const progress = residentId ? ((await this.repository.progressFor(residentId, [String(row.id)])).get(String(row.id)) ?? null) : null
    return this.video({ ...row, view_count: String(Number(row.view_count) + 1) }, await this.typeNames(), progress)
  }

  async saveProgress(residentId: string, videoId: string, position: number, completed: boolean): Promise<Video> {
    const row = await this.videoRow(videoId, true)
    const clamped = Math.min(position, Number(row.duration_seconds))
    await this.repository.setProgress(residentId, String(row.id), clamped, completed || clamped >= Number(row.duration_seconds) - 1)
    return this.video(row, await this.typeNames(), clamped)
  }

  // Helpers

  private searchText(title: string, body: TipInput['body'], types: string[], names: Map<string, string>): string {
    // The title first, on its own line: ranking looks for terms there.
    return `${fold(title)}\n${fold([blockText(body), ...types.map((t) => names.get(t) ?? t)].join(' '))}`
  }

  private async typeNames(): Promise<Map<string, string>> {
    return new Map((await this.repository.fraudTypes()).map((t) => [t.code, t.name]))
  }

  private async validateTip(input: TipInput): Promise<Map<string, string>> {
    const names = await this.typeNames()
    const problems = bulletinProblems({ body: input.body }, new Set(), this.imageHosts)
    const unknown = input.fraudTypes.filter((t) => !names.has(t))
    if (unknown.length > 0) problems.push(`fraudTypes：没有这些诈骗类型 ${unknown.join('、')}`)
    if (!isRealDate(input.publishedOn)) problems.push('publishedOn：日期不正确')
    if (problems.length > 0) throw new AppError(400, 'CONTENT_INVALID', problems.join('；'))
    return names
  }

  private async validateVideo(input: VideoInput): Promise<number> {
    const names = await this.typeNames()
    const [file, cover] = await Promise.all([this.media.find(input.file), this.media.find(input.cover)])
    const problems: string[] = []
    if (!names.has(input.fraudType)) problems.push(`fraudType：没有诈骗类型 ${input.fraudType}`)
    if (!file || !file.contentType.startsWith('video/')) problems.push('file：请先上传 MP4 视频，再填它的文件名')
    if (!cover || !cover.contentType.startsWith('image/')) problems.push('cover：请先上传封面图片，再填它的文件名')
    if (input.captions) {
      const captions = await this.media.find(input.captions)
      if (!captions || !captions.contentType.startsWith('text/vtt')) problems.push('captions：请先上传 WebVTT 字幕文件（.vtt），再填它的文件名')
    }
    const duration = input.durationSeconds ?? file?.durationSeconds ?? null
    if (duration === null) problems.push('durationSeconds：视频里读不出时长，请填写')
    if (problems.length > 0) throw new AppError(400, 'CONTENT_INVALID', problems.join('；'))
    return duration as number
  }

  private tipItem(r: TipRow, names: Map<string, string>, learned: boolean): TipListItem {
    return {
      id: String(r.id),
      title: r.title,
      fraudTypes: r.fraud_types.map((code) => ({ code, name: names.get(code) ?? code })),
      excerpt: excerpt(r.body as TipInput['body']),
      source: r.source,
      publishedOn: r.published_on,
      learned
    }
  }

  private tipDetail(r: TipRow, names: Map<string, string>, learned: boolean): TipDetail {
    return { ...this.tipItem(r, names, learned), body: r.body as TipDetail['body'] }
  }

  private video(r: VideoRow, names: Map<string, string>, progress: number | null): Video {
    return {
      id: String(r.id),
      title: r.title,
      fraudType: { code: r.fraud_type, name: names.get(r.fraud_type) ?? r.fraud_type },
      durationSeconds: Number(r.duration_seconds),
      coverUrl: mediaUrl(r.cover),
      videoUrl: mediaUrl(r.file),
      captionsUrl: r.captions ? mediaUrl(r.captions) : null,
      summary: r.summary,
      viewCount: Number(r.view_count),
      progressSeconds: progress
    }
  }

  private async tipRow(id: string, publishedOnly: boolean): Promise<TipRow> {
    const row = await this.repository.tip(id, publishedOnly)
    if (!row) throw notFound('反诈知识')
    return row
  }

  private async videoRow(id: string, publishedOnly: boolean): Promise<VideoRow> {
    const row = await this.repository.video(id, publishedOnly)
    if (!row) throw notFound('视频')
    return row
  }
}
