import { Type, type Static } from '@sinclair/typebox'

export const PhoneCodeRequest = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 128, description: 'The code from <Button openType="getPhoneNumber">' })
})
export type PhoneCodeRequest = Static<typeof PhoneCodeRequest>

export const Me = Type.Object(
  {
    residentId: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'Masked, e.g. 138****8000; null until verified' }),
    registered: Type.Boolean()
  },
  { $id: 'Me' }
)
export type Me = Static<typeof Me>
