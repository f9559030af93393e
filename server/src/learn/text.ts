import type { BulletinBlock } from '../../../types/bulletins.ts'

/** Folds text for search: NFKC (full-width letters and digits to ASCII), lower case, runs of space to one. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Every string a reader sees in the blocks, in order. */
export function blockText(blocks: readonly BulletinBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return b.text
        case 'case':
          return [b.title ?? '', b.fraudType, b.channel, b.story].join(' ')
        case 'table':
          return [b.caption ?? '', ...b.columns, ...b.rows.flat()].join(' ')
        case 'tips':
          return [b.title ?? '', ...b.items].join(' ')
        case 'image':
          return [b.alt, b.caption ?? ''].join(' ')
      }
    })
    .join(' ')
}

/** The first `chars` characters of the body, for lists. */
export function excerpt(blocks: readonly BulletinBlock[], chars = 60): string {
  const text = blockText(blocks).replace(/\s+/g, ' ').trim()
  const all = [...text]
  return all.length <= chars ? text : `${all.slice(0, chars).join('')}…`
}

/** Search terms: up to five folded words, each at least one character. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return []
  return [...new Set(fold(q).split(' ').filter(Boolean))].slice(0, 5)
}
