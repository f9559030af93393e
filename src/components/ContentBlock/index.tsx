import { Image, Text, View } from '@tarojs/components'
import type { BulletinBlock } from '../../../types/bulletins'
import { CASE_LABEL, caseLossText, channelText } from '../../../types/bulletin-wording'
import { Tag } from '../Tag'
import './index.scss'

export { formatLoss } from '../../../types/bulletin-wording'

/** One body block, rendered natively: every string is text, never markup. */
export function ContentBlock({ block }: { block: BulletinBlock }) {
  switch (block.type) {
    case 'paragraph':
      return <Text className="block-paragraph">{block.text}</Text>
    case 'case':
      return (
        <View className="block-case">
          <Text className="block-case__label">{CASE_LABEL}</Text>
          {block.title ? <Text className="block-case__title">{block.title}</Text> : null}
          <View className="block-case__facts">
            <Tag tone="warning">{block.fraudType}</Tag>
            <Text className="block-case__fact">{channelText(block.channel)}</Text>
            {block.lossAmount !== undefined ? <Text className="block-case__fact">{caseLossText(block.lossAmount)}</Text> : null}
          </View>
          <Text className="block-case__story">{block.story}</Text>
        </View>
      )
    case 'table':
      return (
        <View className="block-table" role="table" aria-label={block.caption ?? '统计表'}>
          {block.caption ? <Text className="block-table__caption">{block.caption}</Text> : null}
          <View className="block-table__row block-table__row--head" role="row">
            {block.columns.map((c) => (
              <View key={c} className="block-table__cell" role="columnheader">
                {c}
              </View>
            ))}
          </View>
          {block.rows.map((row, i) => (
            <View key={i} className="block-table__row" role="row">
              {row.map((cell, j) => (
                <View key={j} className="block-table__cell" role="cell">
                  {cell}
                </View>
              ))}
            </View>
          ))}
        </View>
      )
    case 'tips':
      return (
        <View className="block-tips">
          {block.title ? <Text className="block-tips__title">{block.title}</Text> : null}
          {block.items.map((item, i) => (
            <Text key={i} className="block-tips__item">{`${i + 1}. ${item}`}</Text>
          ))}
        </View>
      )
    case 'image':
      return (
        <View className="block-image">
          <Image className="block-image__img" src={block.url} mode="widthFix" lazyLoad ariaLabel={block.alt} />
          {block.caption ? <Text className="block-image__caption">{block.caption}</Text> : null}
        </View>
      )
  }
}
