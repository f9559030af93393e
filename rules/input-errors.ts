// What a resident is told when an input holds nothing to check: the server's 400 answers and the phone's offline
// answers, word for word (the error code beside each is the API's, types/error.ts).

export const PHONE_INPUT_ERRORS = {
  NO_DIGITS: '没有找到电话号码，请输入或粘贴来电号码（数字，可以带空格或横线）',
  TOO_LONG: '号码太长了：电话号码最多20位数字，请检查是否多复制了内容',
  TOO_SHORT: '号码太短了，请输入完整的电话号码'
} as const

export const URL_INPUT_ERRORS = {
  EMPTY: '请输入或粘贴要查询的网址',
  SCHEME: '只能查询以 http 或 https 开头的网址',
  TOO_LONG: '网址太长了，请只粘贴网址本身',
  INVALID: '这不是一个有效的网址，请检查是否完整'
} as const

export const ACCOUNT_INPUT_ERRORS = {
  EMPTY: '请输入要查询的银行卡号、支付宝或微信账号',
  INVALID: '没有认出这个账户：银行卡号是12到25位数字（可以带空格），也可以输入支付宝账号（手机号或邮箱）或微信号'
} as const

export const MESSAGE_INPUT_ERROR = '请粘贴要检查的短信或聊天内容'
