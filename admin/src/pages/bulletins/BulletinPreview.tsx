import type { BulletinBlock } from '../../../../types/bulletins'
import { audienceText, CASE_LABEL, caseLossText, channelText, issueTitle, periodText, SEVERITY_TAG } from '../../../../types/bulletin-wording'
import type { BulletinDraft } from './draft'
import './preview.css'

/**
 * The bulletin as the mini-program's detail page shows it: same block order, same wording (from the shared
 * wording module), every string as text. Above the phone frame: who it goes to, which residents never see.
 */
export function BulletinPreview({
  draft,
  year = null,
  issueNo = null,
  names
}: {
  draft: BulletinDraft
  year?: number | null
  issueNo?: number | null
  names: ReadonlyMap<string, string>
}) {
  const tag = SEVERITY_TAG[draft.severity]
  return (
    <section aria-label="居民看到的样子（预览）">
      <p className="pv-audience">推送范围：{audienceText(draft.audience, names)}</p>
      <div className="preview-phone">
        <article className="pv-card" data-testid="bulletin-preview">
          <div className="pv-meta">
            <span className="pv-issue">{issueTitle(year, issueNo)}</span>
            {tag ? <span className="pv-tag pv-tag--danger">{tag}</span> : null}
          </div>
          <h2 className="pv-title">{draft.title || '（标题）'}</h2>
          <p className="pv-muted">统计时段：{draft.periodStart && draft.periodEnd ? periodText(draft.periodStart, draft.periodEnd) : '—'}</p>
          <div className="pv-tags">
            {draft.tags.map((t) => (
              <span key={t} className="pv-tag">
                {t}
              </span>
            ))}
          </div>
          <div className="pv-body">
            {draft.body.map((block, i) => (
              <PreviewBlock key={i} block={block} />
            ))}
          </div>
        </article>
        <div className="pv-actions">
          <span className="pv-button pv-button--primary">{`拨打 ${draft.hotline.trim() || '96110'} 反诈专线`}</span>
          <span className="pv-button">转发给家人</span>
        </div>
      </div>
    </section>
  )
}

/** Body blocks as the mini-program's ContentBlock renders them (bulletins and tips share them). */
export function PreviewBlock({ block }: { block: BulletinBlock }) {
  switch (block.type) {
    case 'paragraph':
      return <p className="pv-paragraph">{block.text}</p>
    case 'case':
      return (
        <div className="pv-case">
          <strong className="pv-case__label">{CASE_LABEL}</strong>
          {block.title ? <strong className="pv-block-title">{block.title}</strong> : null}
          <div className="pv-case__facts">
            <span className="pv-tag pv-tag--warning">{block.fraudType}</span>
            <span>{channelText(block.channel)}</span>
            {block.lossAmount !== undefined ? <span>{caseLossText(block.lossAmount)}</span> : null}
          </div>
          <p className="pv-paragraph">{block.story}</p>
        </div>
      )
    case 'table':
      return (
        <table className="pv-table">
          {block.caption ? <caption>{block.caption}</caption> : null}
          <thead>
            <tr>
              {block.columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )
    case 'tips':
      return (
        <div className="pv-tips">
          {block.title ? <strong className="pv-block-title">{block.title}</strong> : null}
          {block.items.map((item, i) => (
            <p key={i} className="pv-tips__item">{`${i + 1}. ${item}`}</p>
          ))}
        </div>
      )
    case 'image':
      return (
        <figure className="pv-image">
          <img src={block.url} alt={block.alt} />
          {block.caption ? <figcaption>{block.caption}</figcaption> : null}
        </figure>
      )
  }
}
