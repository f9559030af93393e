import { Button, Card, Flex, Input, InputNumber, Space, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useEffect, useId, useState, type ReactNode } from 'react'
import type { BulletinBlock } from '../../../../types/bulletins'

type BlockType = BulletinBlock['type']
export const BLOCK_NAMES: Record<BlockType, string> = { paragraph: '段落', case: '案例', table: '表格', tips: '防范提示', image: '图片' }

export function newBlock(type: BlockType): BulletinBlock {
  switch (type) {
    case 'paragraph':
      return { type, text: '' }
    case 'case':
      return { type, fraudType: '', channel: '', story: '' }
    case 'table':
      return { type, columns: ['', ''], rows: [['', '']] }
    case 'tips':
      return { type, items: [''] }
    case 'image':
      return { type, url: '', alt: '' }
  }
}

/** Lines of a textarea → list items (blank lines dropped). */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
/** A table row typed as "a，b，c" (Chinese or ASCII commas, or tabs pasted from a spreadsheet). */
const cells = (line: string) => line.split(/[,，\t]/).map((c) => c.trim())

/** The body's typed blocks: add, edit, move and remove; the value is exactly what the API stores. */
export function BlockEditor({ value, onChange }: { value: BulletinBlock[]; onChange: (blocks: BulletinBlock[]) => void }) {
  const set = (i: number, block: BulletinBlock) => onChange(value.map((b, j) => (j === i ? block : b)))
  const move = (i: number, by: number) => {
    const next = [...value]
    const [b] = next.splice(i, 1)
    next.splice(i + by, 0, b)
    onChange(next)
  }
  return (
    <Flex vertical gap={12}>
      {value.map((block, i) => (
        <Card
          key={i}
          size="small"
          role="group"
          aria-label={`第${i + 1}块：${BLOCK_NAMES[block.type]}`}
          title={`${i + 1}. ${BLOCK_NAMES[block.type]}`}
          extra={
            <Space size={4}>
              <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={`第${i + 1}块上移`} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button
                size="small"
                icon={<ArrowDownOutlined aria-hidden />}
                aria-label={`第${i + 1}块下移`}
                disabled={i === value.length - 1}
                onClick={() => move(i, 1)}
              />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`删除第${i + 1}块`}
                disabled={value.length === 1}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            </Space>
          }
        >
          <BlockFields block={block} onChange={(b) => set(i, b)} />
        </Card>
      ))}
      <Flex gap={8} wrap align="center" role="group" aria-label="添加内容块">
        {(Object.keys(BLOCK_NAMES) as BlockType[]).map((t) => (
          <Button
            key={t}
            icon={<PlusOutlined aria-hidden />}
            onClick={() => onChange([...value, newBlock(t)])}
            disabled={value.length >= 50}
          >{`添加${BLOCK_NAMES[t]}`}</Button>
        ))}
      </Flex>
    </Flex>
  )
}

function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId()
  return (
    <div style={{ marginBottom: 8 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children(id)}
      {hint ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {hint}
        </Typography.Text>
      ) : null}
    </div>
  )
}

function BlockFields({ block, onChange }: { block: BulletinBlock; onChange: (b: BulletinBlock) => void }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <Field label="正文">
          {(id) => (
            <Input.TextArea
              id={id}
              autoSize={{ minRows: 3 }}
              maxLength={2000}
              value={block.text}
              onChange={(e) => onChange({ ...block, text: e.target.value })}
            />
          )}
        </Field>
      )
    case 'case':
      return (
        <>
          <Field label="案例标题（可不填）">
            {(id) => <Input id={id} maxLength={60} value={block.title ?? ''} onChange={(e) => onChange(withOptional({ ...block }, 'title', e.target.value))} />}
          </Field>
          <Flex gap={8} wrap>
            <Field label="诈骗类型">
              {(id) => <Input id={id} maxLength={20} value={block.fraudType} onChange={(e) => onChange({ ...block, fraudType: e.target.value })} />}
            </Field>
            <Field label="联系渠道">
              {(id) => (
                <Input
                  id={id}
                  maxLength={30}
                  placeholder="如：电话、QQ群"
                  value={block.channel}
                  onChange={(e) => onChange({ ...block, channel: e.target.value })}
                />
              )}
            </Field>
            <Field label="损失金额（元，可不填）">
              {(id) => (
                <InputNumber
                  id={id}
                  min={0}
                  max={1_000_000_000}
                  precision={0}
                  value={block.lossAmount ?? null}
                  style={{ width: 160 }}
                  onChange={(v) => {
                    const next = { ...block }
                    if (v === null) delete next.lossAmount
                    else next.lossAmount = v
                    onChange(next)
                  }}
                />
              )}
            </Field>
          </Flex>
          <Field label="经过">
            {(id) => (
              <Input.TextArea
                id={id}
                autoSize={{ minRows: 3 }}
                maxLength={2000}
                value={block.story}
                onChange={(e) => onChange({ ...block, story: e.target.value })}
              />
            )}
          </Field>
        </>
      )
    case 'table':
      return (
        <>
          <Field label="表格标题（可不填）">
            {(id) => (
              <Input id={id} maxLength={60} value={block.caption ?? ''} onChange={(e) => onChange(withOptional({ ...block }, 'caption', e.target.value))} />
            )}
          </Field>
          <Field label="列名" hint="用逗号分隔，最多6列">
            {(id) => <Input id={id} value={block.columns.join('，')} onChange={(e) => onChange({ ...block, columns: cells(e.target.value).slice(0, 6) })} />}
          </Field>
          <Field label="数据" hint="每行一条，单元格用逗号分隔（可从表格软件直接粘贴）">
            {(id) => (
              <LinesArea
                id={id}
                value={block.rows}
                format={(rows) => rows.map((r) => r.join('，')).join('\n')}
                parse={(text) =>
                  text
                    .split('\n')
                    .filter((l) => l.trim())
                    .map(cells)
                }
                onChange={(rows) => onChange({ ...block, rows })}
              />
            )}
          </Field>
        </>
      )
    case 'tips':
      return (
        <>
          <Field label="提示标题（可不填）">
            {(id) => <Input id={id} maxLength={40} value={block.title ?? ''} onChange={(e) => onChange(withOptional({ ...block }, 'title', e.target.value))} />}
          </Field>
          <Field label="提示条目" hint="每行一条">
            {(id) => (
              <LinesArea id={id} value={block.items} format={(items) => items.join('\n')} parse={lines} onChange={(items) => onChange({ ...block, items })} />
            )}
          </Field>
        </>
      )
    case 'image':
      return (
        <>
          <Field label="图片地址" hint="本站上传的图片（/media/ 开头）；其他网站的图片需县里在 IMAGE_HOSTS 登记">
            {(id) => <Input id={id} maxLength={500} value={block.url} onChange={(e) => onChange({ ...block, url: e.target.value.trim() })} />}
          </Field>
          <Field label="图片说明（给读屏软件和网络慢的居民）">
            {(id) => <Input id={id} maxLength={100} value={block.alt} onChange={(e) => onChange({ ...block, alt: e.target.value })} />}
          </Field>
          <Field label="图注（可不填）">
            {(id) => (
              <Input id={id} maxLength={100} value={block.caption ?? ''} onChange={(e) => onChange(withOptional({ ...block }, 'caption', e.target.value))} />
            )}
          </Field>
        </>
      )
  }
}

/**
 * A box of one entry per line (防范提示, 表格数据). It shows what was typed, not the entries read back from it: read back,
 * the empty line Enter has just made disappears at once, and the next line runs into the previous one.
 */
function LinesArea<T>({
  id,
  value,
  format,
  parse,
  onChange
}: {
  id: string
  value: T
  format: (v: T) => string
  parse: (text: string) => T
  onChange: (v: T) => void
}) {
  const [text, setText] = useState(() => format(value))
  // A change from outside (a draft restored, a block moved): show it, unless it is what the text already says.
  const shown = format(value)
  useEffect(() => {
    setText((current) => (format(parse(current)) === shown ? current : shown))
  }, [shown]) // eslint-disable-line react-hooks/exhaustive-deps -- format/parse are inline; the value's text is what matters
  return (
    <Input.TextArea
      id={id}
      autoSize={{ minRows: 3 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value)
        onChange(parse(e.target.value))
      }}
    />
  )
}

/** Optional text fields are left out when empty (the API refuses empty strings). */
function withOptional<T extends object, K extends string>(block: T, key: K, text: string): T {
  const next = { ...block } as Record<string, unknown>
  if (text === '') delete next[key]
  else next[key] = text
  return next as T
}
