import { ApiError } from '../../../services/http'

export type FieldErrors<K extends string> = Partial<Record<K | 'form', string>>

/** Puts a server refusal next to the field it is about, or above the form when it names none. */
export function fieldErrorsFrom<K extends string>(err: unknown, fields: readonly K[]): FieldErrors<K> {
  const apiError = err instanceof ApiError ? err : new ApiError('UNKNOWN', '出了点问题，请稍后再试', null)
  const field = apiError.field as K | undefined
  if (field && fields.includes(field)) return { [field]: apiError.message } as FieldErrors<K>
  return { form: apiError.message } as FieldErrors<K>
}
