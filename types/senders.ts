import { Type, type Static } from '@sinclair/typebox'

/** Who a message may claim to be: what kind of sender decides which of its links and numbers are suspicious. */
export const SENDER_CATEGORIES = ['bank', 'payment', 'ecommerce', 'carrier', 'courier', 'transport', 'government', 'police', 'county'] as const
export type SenderCategory = (typeof SENDER_CATEGORIES)[number]
export const SENDER_CATEGORY_NAMES: Record<SenderCategory, string> = {
  bank: '银行',
  payment: '支付',
  ecommerce: '购物平台',
  carrier: '运营商',
  courier: '邮政快递',
  transport: '出行交通',
  government: '政府部门',
  police: '公检法',
  county: '本县单位'
}

const Domain = Type.String({
  pattern: '^(?=.{3,253}$)[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$',
  description: 'Registrable domain in ASCII (punycode for IDN); stored lower case, without www.'
})
const ServiceNumber = Type.String({ pattern: '^\\d{3,12}$', description: 'A service line as dialled domestically, digits only (95588, 10086, 09156821110)' })
const Token = Type.String({ pattern: '^[A-Za-z0-9]{2,30}$', description: 'An ASCII piece phishing domains borrow (icbc, 10086)' })

export const OfficialSenderInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 40, description: 'Full name shown to residents: 中国建设银行' }),
    category: Type.Union(SENDER_CATEGORIES.map((c) => Type.Literal(c))),
    aliases: Type.Array(Type.String({ minLength: 2, maxLength: 20 }), { minItems: 1, maxItems: 20, description: 'How messages name it: 【建设银行】, 建行' }),
    domains: Type.Array(Domain, { maxItems: 20 }),
    numbers: Type.Array(ServiceNumber, { maxItems: 20 }),
    tokens: Type.Array(Token, { maxItems: 20 })
  },
  { additionalProperties: false }
)
export type OfficialSenderInput = Static<typeof OfficialSenderInput>

export const OfficialSender = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }),
    ...OfficialSenderInput.properties,
    updatedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'OfficialSender' }
)
export type OfficialSender = Static<typeof OfficialSender>
export const OfficialSenderList = Type.Object({ items: Type.Array(OfficialSender) }, { $id: 'OfficialSenderList' })
export type OfficialSenderList = Static<typeof OfficialSenderList>
