import { useState } from 'react'
import { Alert, Button, Descriptions, Flex, Input, Modal, Typography } from 'antd'
import type { RevealedPerson, TaskCard, WarningSummary } from '../../../../types/warnings'
import { RESIDENT_ANSWER_NAMES } from '../../../../types/warning-wording'
import { revealPerson } from '../../services/warnings'
import { useAction } from '../../hooks/useAction'
import { chinaTime, yuan } from '../../lib/labels'

/** Every answer on the red card in order: a later one never hides an earlier one (没有转账 → 已经转账 matters). */
export function answersText(w: Pick<WarningSummary, 'answers'>): string {
  return w.answers.map((a) => RESIDENT_ANSWER_NAMES[a]).join(' → ')
}

/**
 * Who the task is about and what is known: masked name and age, the resident's answers, the loss recorded, and every
 * note so far (what the resident wrote, the operator's hand-over). 查看完整信息 asks why and is recorded.
 */
export function PersonFacts({ card }: { card: TaskCard }) {
  const who = card.person.registered
    ? `${card.person.name ?? '（未填姓名）'}${card.person.age !== null ? `，${card.person.age}岁` : ''}（已登记居民）`
    : '未登记的号码（姓名、年龄不详）'
  return (
    <section aria-label="当事人情况">
      <Flex vertical gap={4}>
        <Flex wrap gap={8} align="center">
          <Typography.Text>{`当事人：${who}`}</Typography.Text>
          <RevealButton warningId={card.warning.id} phoneMasked={card.warning.phoneMasked} />
        </Flex>
        {card.warning.answers.length > 0 ? <Typography.Text strong>{`居民回复：${answersText(card.warning)}`}</Typography.Text> : null}
        {card.lossAmount !== null ? <Typography.Text type="danger" strong>{`已记录被骗金额：${yuan(card.lossAmount)}`}</Typography.Text> : null}
        {card.notes.length > 0 ? (
          <>
            <Typography.Text strong>经过</Typography.Text>
            <ul style={{ paddingInlineStart: 20, margin: 0 }}>
              {card.notes.map((n, i) => (
                <li key={i}>
                  <Typography.Text>{n.text}</Typography.Text>
                  <Typography.Text type="secondary">{`（${n.actor}，${chinaTime(n.at)}）`}</Typography.Text>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Flex>
    </section>
  )
}

/** 查看完整信息: the reason is asked first and goes to the audit log with who and when. */
export function RevealButton({ warningId, phoneMasked }: { warningId: string; phoneMasked: string }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [person, setPerson] = useState<RevealedPerson | null>(null)
  const { busy, error, run } = useAction()
  const show = () => run(async () => setPerson(await revealPerson(warningId, reason.trim())))
  const close = () => {
    setOpen(false)
    setPerson(null)
    setReason('')
  }
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`查看完整信息：${phoneMasked}`}>
        查看完整信息
      </Button>
      <Modal
        open={open}
        title={`当事人完整信息：${phoneMasked}`}
        onCancel={close}
        destroyOnHidden
        okText={person ? '关闭' : '查看'}
        cancelText="取消"
        onOk={() => (person ? close() : void show())}
        okButtonProps={{ disabled: !person && reason.trim().length < 2, loading: busy }}
      >
        {person ? (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: '姓名', children: person.name ?? '未填' },
              { key: 'phone', label: '手机号', children: person.phone },
              { key: 'birth', label: '出生日期', children: person.birthDate ?? '未填' },
              { key: 'id', label: '身份证号', children: person.idNumber ?? '未填' },
              {
                key: 'place',
                label: '所在地',
                children: person.townshipName ? `${person.townshipName}${person.villageName ? ` ${person.villageName}` : ''}` : '未知'
              }
            ]}
          />
        ) : (
          <Flex vertical gap={8}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              查看会记入操作日志（谁、何时、为什么）。请写明原因。
            </Typography.Paragraph>
            <Input aria-label="查看原因" placeholder="例如：上门前核对身份" maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Flex>
        )}
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      </Modal>
    </>
  )
}
