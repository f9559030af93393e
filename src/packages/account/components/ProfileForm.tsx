import { Input, View } from '@tarojs/components'
import { fieldName } from '../../../components/a11y'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import type { AreaList } from '../../../../types/areas'
import type { Me } from '../../../../types/me'
import { MIN_REGISTRATION_AGE } from '../../../../types/privacy'
import { AppButton } from '../../../components/AppButton'
import { DateField } from '../../../components/DateField'
import { FormField } from '../../../components/FormField'
import { SelectField } from '../../../components/SelectField'
import { StateView } from '../../../components/StateView'
import { getAreas } from '../../../services/areas'
import { fieldErrorsFrom, type FieldErrors } from './errors'

export interface ProfileValues {
  name: string
  birthDate: string
  townshipCode: string
  villageCode: string
  idNumber: string
}

type Field = keyof ProfileValues

interface ProfileFormProps {
  /** 'register' asks for everything; 'edit' only for what may change (name, township, village); 'proxy' (代登记) all but the ID number. */
  mode: 'register' | 'edit' | 'proxy'
  initial?: Me['profile']
  submitLabel: string
  onSubmit: (values: ProfileValues) => Promise<void>
}

/** Checks a resident can fix before sending; the server checks again and its answer lands on the same fields. */
export function validateProfile(v: ProfileValues, mode: 'register' | 'edit' | 'proxy', today = dayjs()): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {}
  const nameLength = [...v.name.trim()].length
  if (nameLength < 2 || nameLength > 20) errors.name = '姓名应为2到20个字'
  if (mode !== 'edit') {
    if (!v.birthDate) errors.birthDate = '请选择出生日期'
    else if (today.diff(dayjs(v.birthDate), 'year') < MIN_REGISTRATION_AGE) errors.birthDate = '未满16周岁暂不能登记。查号码、学反诈不用登记，可以直接使用'
    if (v.idNumber.trim() !== '' && !/^\d{17}[\dXx]$/.test(v.idNumber.trim())) errors.idNumber = '身份证号应为18位，最后一位可以是X'
  }
  if (!v.townshipCode) errors.townshipCode = '请选择乡镇'
  // While no township is chosen the village list is disabled: one error, on the township, not two.
  if (v.townshipCode && !v.villageCode) errors.villageCode = '请选择村（社区）'
  return errors
}

export function ProfileForm({ mode, initial, submitLabel, onSubmit }: ProfileFormProps) {
  const [areas, setAreas] = useState<AreaList | null>(null)
  const [areasError, setAreasError] = useState<string | null>(null)
  const [values, setValues] = useState<ProfileValues>({
    name: initial?.name ?? '',
    birthDate: initial?.birthDate ?? '',
    townshipCode: initial?.township.code ?? '',
    villageCode: initial?.village.code ?? '',
    idNumber: ''
  })
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [submitting, setSubmitting] = useState(false)

  const loadAreas = () => {
    setAreasError(null)
    getAreas()
      .then(setAreas)
      .catch((err: unknown) => setAreasError(fieldErrorsFrom(err, []).form ?? '乡镇列表加载失败'))
  }
  useEffect(loadAreas, [])

  const townships = useMemo(() => (areas?.townships ?? []).map((t) => ({ value: t.code, label: t.name })), [areas])
  const villages = useMemo(
    () => (areas?.townships.find((t) => t.code === values.townshipCode)?.villages ?? []).map((v) => ({ value: v.code, label: v.name })),
    [areas, values.townshipCode]
  )
  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value, ...(field === 'townshipCode' && value !== v.townshipCode ? { villageCode: '' } : {}) }))
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }))
  }

  const submit = async () => {
    const found = validateProfile(values, mode)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setSubmitting(true)
    try {
      await onSubmit(values)
    } catch (err) {
      setErrors(fieldErrorsFrom(err, ['name', 'birthDate', 'townshipCode', 'villageCode', 'idNumber'] as const))
    } finally {
      setSubmitting(false)
    }
  }

  if (areasError) return <StateView kind="error" message={areasError} onRetry={loadAreas} />
  if (!areas) return <StateView kind="loading" message="正在加载乡镇列表…" />

  return (
    <View className="profile-form">
      <FormField label="姓名" error={errors.name}>
        <Input
          className="form-input"
          value={values.name}
          maxlength={20}
          placeholder="请输入真实姓名"
          {...fieldName('姓名')}
          onInput={(e) => set('name', e.detail.value)}
        />
      </FormField>
      {mode !== 'edit' ? (
        <FormField label="出生日期" error={errors.birthDate} hint="16周岁以上可以登记">
          <DateField
            name="出生日期"
            value={values.birthDate || null}
            start={dayjs().subtract(110, 'year').format('YYYY-MM-DD')}
            // Registration is for 16 and over (the server refuses younger): the year list starts there, not at this year.
            end={dayjs().subtract(16, 'year').format('YYYY-MM-DD')}
            placeholder="请选择出生日期"
            onChange={(v) => set('birthDate', v)}
          />
        </FormField>
      ) : null}
      <FormField label="所在乡镇" error={errors.townshipCode}>
        <SelectField
          name="所在乡镇"
          value={values.townshipCode || null}
          options={townships}
          placeholder="请选择乡镇"
          onChange={(v) => set('townshipCode', v)}
        />
      </FormField>
      <FormField label="所在村（社区）" error={errors.villageCode}>
        <SelectField
          name="所在村（社区）"
          value={values.villageCode || null}
          options={villages}
          disabled={!values.townshipCode}
          placeholder={values.townshipCode ? '请选择村（社区）' : '请先选择乡镇'}
          onChange={(v) => set('villageCode', v)}
        />
      </FormField>
      {mode === 'register' ? (
        <FormField label="身份证号（选填）" error={errors.idNumber} hint="可以不填。填写后加密保存，只显示部分号码">
          <Input
            className="form-input"
            type="idcard"
            maxlength={18}
            value={values.idNumber}
            placeholder="可不填"
            {...fieldName('身份证号（选填）')}
            onInput={(e) => set('idNumber', e.detail.value)}
          />
        </FormField>
      ) : null}
      {errors.form ? (
        <View className="form-field__error" role="alert">
          {errors.form}
        </View>
      ) : null}
      <AppButton variant="primary" block loading={submitting} onClick={() => void submit()}>
        {submitLabel}
      </AppButton>
    </View>
  )
}
