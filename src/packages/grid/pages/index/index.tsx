import { Input, Text, View } from '@tarojs/components'
import { fieldName } from '../../../../components/a11y'
import Taro, { useDidShow } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useCallback, useState } from 'react'
import type { GridWorkbench } from '../../../../../types/grid'
import { PUBLICITY_KINDS, PUBLICITY_KIND_NAMES, PUBLICITY_PHOTOS_MAX, type PublicityKind } from '../../../../../types/grid-wording'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { DateField } from '../../../../components/DateField'
import { FormField } from '../../../../components/FormField'
import { Heading } from '../../../../components/Heading'
import { InnerNav } from '../../../../components/InnerNav'
import { PhotoPicker, type PickedPhoto } from '../../../../components/PhotoPicker'
import { SelectField } from '../../../../components/SelectField'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { toast } from '../../../../components/toast'
import { subpackageUrl } from '../../../../routes'
import { addPublicitySession, getGridWorkbench, uploadPublicityPhoto } from '../../../../services/grid'
import { ApiError } from '../../../../services/http'
import './index.scss'

const KIND_OPTIONS = PUBLICITY_KINDS.map((k) => ({ value: k, label: PUBLICITY_KIND_NAMES[k] }))
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`

/**
 * 网格员工作台: the villages' coverage (counts only, no names), 代登记, the visits a station asked me to accompany (the
 * village and the note, nothing of the warning), and the log of publicity sessions.
 */
export default function GridWorkbenchPage() {
  const [bench, setBench] = useState<GridWorkbench | null>(null)
  const [problem, setProblem] = useState<{ message: string; notGridWorker: boolean } | null>(null)
  const load = useCallback(() => {
    setProblem(null)
    getGridWorkbench()
      .then(setBench)
      .catch((err: unknown) =>
        setProblem({
          message: err instanceof ApiError ? err.message : '加载失败，请稍后再试',
          notGridWorker: err instanceof ApiError && err.code === 'NOT_GRID_WORKER'
        })
      )
  }, [])
  useDidShow(load)

  let body
  if (problem?.notGridWorker)
    body = (
      <Card>
        <Text className="grid-page__text">{problem.message}</Text>
      </Card>
    )
  else if (problem) body = <StateView kind="error" message={problem.message} onRetry={load} />
  else if (!bench) body = <StateView kind="loading" message="正在加载…" />
  else {
    body = (
      <>
        <Card>
          <Heading className="grid-page__title">我负责的村（社区）</Heading>
          <Text className="grid-page__text">{`16至60周岁群众登记情况（${bench.asOf}）。这里只有人数，没有任何人的姓名。`}</Text>
          <View role="list" aria-label="我负责的村（社区）">
            {bench.villages.map((v) => (
              <View key={v.code} className="grid-page__member" role="listitem">
                <View>
                  <Text className="grid-page__member-name">{v.name}</Text>
                  <Text className="grid-page__text">{`${v.townshipName}，已登记 ${v.registered16to60} / ${v.population16to60} 人`}</Text>
                  {v.proxyRegistered > 0 ? <Tag tone="neutral">{`代登记 ${v.proxyRegistered} 人`}</Tag> : null}
                </View>
                <Text className="grid-page__figure">{percent(v.ratio)}</Text>
              </View>
            ))}
          </View>
          <AppButton variant="primary" block onClick={() => void Taro.navigateTo({ url: subpackageUrl('account', 'proxy', { as: 'grid' }) })}>
            代登记（帮没有智能手机的群众登记）
          </AppButton>
        </Card>
        <Card>
          <Heading className="grid-page__title">陪同上门</Heading>
          {bench.visits.length === 0 ? (
            <Text className="grid-page__text">派出所请您陪同上门时，会显示在这里。</Text>
          ) : (
            <View role="list" aria-label="陪同上门">
              {bench.visits.map((v) => (
                <View key={v.id} className="grid-page__member" role="listitem">
                  <View>
                    <Text className="grid-page__member-name">{v.village}</Text>
                    <Text className="grid-page__text">
                      {`请在 ${dayjs(v.dueAt).format('M月D日 HH:mm')} 前`}
                      {v.note ? `：${v.note}` : ''}
                    </Text>
                  </View>
                  <Tag tone={v.done ? 'success' : 'warning'}>{v.done ? '已结束' : '待上门'}</Tag>
                </View>
              ))}
            </View>
          )}
        </Card>
        <NewSession bench={bench} onSaved={(sessions) => setBench({ ...bench, sessions })} />
        <Card>
          <Heading className="grid-page__title">我的宣传记录</Heading>
          {bench.sessions.length === 0 ? (
            <Text className="grid-page__text">还没有记录。</Text>
          ) : (
            <View role="list" aria-label="我的宣传记录">
              {bench.sessions.map((s) => (
                <View key={s.id} className="grid-page__member" role="listitem">
                  <View>
                    <Text className="grid-page__member-name">{PUBLICITY_KIND_NAMES[s.kind]}</Text>
                    <Text className="grid-page__text">{`${dayjs(s.heldOn).format('YYYY年M月D日')}，${s.village.name}，${s.people} 人${s.photos ? `，照片 ${s.photos} 张` : ''}`}</Text>
                  </View>
                </View>
              ))}
            </View>
          )}
        </Card>
      </>
    )
  }
  return (
    <View className="grid-page" role="main">
      <InnerNav title="网格员工作台" />
      <SystemFontSize />
      {body}
    </View>
  )
}

function NewSession({ bench, onSaved }: { bench: GridWorkbench; onSaved: (sessions: GridWorkbench['sessions']) => void }) {
  const [kind, setKind] = useState<PublicityKind | null>(null)
  const [heldOn, setHeldOn] = useState(dayjs().format('YYYY-MM-DD'))
  const [village, setVillage] = useState<string | null>(bench.villages.length === 1 ? bench.villages[0]!.code : null)
  const [people, setPeople] = useState('')
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const count = Number(people)
    if (!kind || !village || !heldOn) return setError('请选择活动类型、日期和村（社区）')
    if (!Number.isInteger(count) || count < 1) return setError('请填写参加的人数')
    setError(null)
    setBusy(true)
    try {
      const { items } = await addPublicitySession({
        kind,
        heldOn,
        villageCode: village,
        people: count,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(photos.length ? { photos: photos.map((p) => p.id) } : {})
      })
      onSaved(items)
      setPeople('')
      setNote('')
      setPhotos([])
      toast('已记录')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '没有保存成功，请稍后再试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card>
      <Heading className="grid-page__title">记录一次宣传活动</Heading>
      <FormField label="活动类型">
        <SelectField name="活动类型" value={kind} options={KIND_OPTIONS} placeholder="请选择" onChange={(v) => setKind(v as PublicityKind)} />
      </FormField>
      <FormField label="活动日期">
        <DateField
          name="活动日期"
          value={heldOn}
          start={dayjs().subtract(1, 'year').format('YYYY-MM-DD')}
          end={dayjs().format('YYYY-MM-DD')}
          placeholder="请选择日期"
          onChange={setHeldOn}
        />
      </FormField>
      <FormField label="村（社区）">
        <SelectField
          name="村（社区）"
          value={village}
          options={bench.villages.map((v) => ({ value: v.code, label: v.name }))}
          placeholder="请选择"
          onChange={setVillage}
        />
      </FormField>
      <FormField label="参加人数">
        <Input
          className="form-input"
          type="number"
          maxlength={6}
          value={people}
          placeholder="例如 30"
          {...fieldName('参加人数')}
          onInput={(e) => setPeople(e.detail.value)}
        />
      </FormField>
      <FormField label="备注（选填）">
        <Input
          className="form-input"
          maxlength={300}
          value={note}
          placeholder="地点、内容等"
          {...fieldName('备注（选填）')}
          onInput={(e) => setNote(e.detail.value)}
        />
      </FormField>
      <FormField label="现场照片（选填）" hint={`最多${PUBLICITY_PHOTOS_MAX}张；上传时会去掉照片里的位置等信息`}>
        <PhotoPicker value={photos} onChange={setPhotos} upload={uploadPublicityPhoto} max={PUBLICITY_PHOTOS_MAX} noun="照片" />
      </FormField>
      {error ? (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      ) : null}
      <AppButton variant="primary" block loading={busy} onClick={() => void save()}>
        保存
      </AppButton>
    </Card>
  )
}
