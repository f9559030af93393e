import type { ReasonCode, Verdict } from '../../../types/check.ts'
import type { PhoneFacts } from './phone-facts.ts'
import type { ListFacts } from './rules.ts'

interface MessageContext {
  facts: PhoneFacts
  lists: ListFacts
  countryName: (region: string) => string
}

/** Resident-facing text for each reason: what it means, then what to do. */
export function reasonMessage(code: ReasonCode, { facts, lists, countryName }: MessageContext): string {
  switch (code) {
    case 'INTERNATIONAL': {
      const where = facts.country ? `（${countryName(facts.country)}）` : ''
      return `这是境外来电${where}。以“00”或“+”开头、国家代码不是86的号码都来自境外，冒充客服、公检法的诈骗电话多从境外打来。不认识的境外来电请不要接听，更不要回拨。`
    }
    case 'SPOOFED_SERVICE':
      return '这是伪装成银行、客服或政府热线的号码：真正的国内服务热线不会带“+86”或“0086”显示。对方一定是骗子，请立即挂断，不要按对方要求操作。'
    case 'FAKE_POLICE':
      return '这是冒充警方的号码：公安机关不会用“区号+110”这类号码给您打电话，也不会在电话里办案、要求转账或提供“安全账户”。请立即挂断，有疑问拨打110或96110核实。'
    case 'SERVICE_NUMBER_FORMAT':
      return '这个号码看起来像95/96开头的客服热线，但位数不对：正规服务热线一般只有5到7位。请挂断后拨打官方公布的客服电话核实。'
    case 'INBOUND_ONLY':
      return '400/800号码通常只用于客户拨入，用它打出电话的多为推销或诈骗。请不要相信对方身份，需核实时拨打官方公布的号码。'
    case 'VIRTUAL_OPERATOR':
      return '这是虚拟运营商号段（170、171、162、165、167）的号码，警方统计中诈骗电话占比很高。陌生来电谈到钱、贷款、退款时请立即挂断。'
    case 'BLOCKLISTED':
      return `这个号码已被列入反诈黑名单（${lists.blocked?.category ?? '诈骗'}）。请立即挂断，不要回拨，不要转账，不要透露验证码。`
    case 'REPORTED':
      return `已有${lists.reporters}位居民举报过这个号码，正在核实中。请提高警惕，不要按对方要求转账或操作手机。`
    case 'VERIFIED':
      return `这是县反诈中心核实过的号码：${lists.verified?.label ?? '官方号码'}。仍请注意：任何人要求您转账或索要验证码时都要警惕。`
    case 'NOT_A_VALID_NUMBER':
      return '这不是一个有效的电话号码，来电显示可能被篡改过。请先核对是否输错；如果来电就是这样显示的，请不要相信对方。'
  }
}

// What to do now, for the kind of thing checked: a call is hung up, a link is not opened, an account gets no money.
const ADVICE: Record<'phone' | 'url' | 'account', Record<Verdict, string[]>> = {
  phone: {
    dangerous: [
      '立即挂断，不要回拨',
      '不要透露验证码、银行卡号和密码，不要转账',
      '如已转账，请马上拨打110或96110报警'
    ],
    suspicious: [
      '谨慎接听，对方提到转账、验证码、退款、贷款时立即挂断',
      '通过官方渠道核实对方身份，不要用对方给的号码回拨',
      '拿不准时拨打96110咨询'
    ],
    unknown: [
      '暂无风险记录不代表一定安全：凡是要求转账、索要验证码的都是诈骗',
      '拿不准时拨打96110咨询'
    ],
    safe: [
      '这是核实过的号码，但也不要向任何人透露验证码和密码',
      '拿不准时拨打96110咨询'
    ]
  },
  url: {
    dangerous: [
      '不要打开这个网址，也不要转发给别人',
      '已经打开的，不要在里面输入账号、密码、验证码，不要付款',
      '如已输入信息或付款，请马上拨打110或96110报警，并联系银行冻结账户'
    ],
    suspicious: [
      '先不要打开：银行、政府的网址请从官方App或官网进入',
      '不要在这个网站里登录、输入验证码或付款',
      '拿不准时拨打96110咨询'
    ],
    unknown: [
      '暂无风险记录不代表一定安全：要求登录、付款、下载App的网址要格外小心',
      '拿不准时拨打96110咨询'
    ],
    safe: [
      '这是核实过的正规网站，但也不要向任何人透露验证码和密码',
      '拿不准时拨打96110咨询'
    ]
  },
  account: {
    dangerous: [
      '不要向这个账户转账，无论对方怎么说',
      '如已转账，请马上拨打110或96110报警，并联系银行止付',
      '保留聊天记录和转账凭证'
    ],
    suspicious: [
      '先不要转账：通过对方以外的可靠渠道当面或电话核实',
      '“安全账户”“刷单返利”“解冻费”都是诈骗说法',
      '拿不准时拨打96110咨询'
    ],
    unknown: [
      '暂无风险记录不代表一定安全：陌生人让您转账的都要先核实',
      '拿不准时拨打96110咨询'
    ],
    safe: [
      '转账前仍请核实对方身份',
      '拿不准时拨打96110咨询'
    ]
  }
}

export function adviceFor(verdict: Verdict, kind: 'phone' | 'url' | 'account'): string[] {
  return ADVICE[kind][verdict]
}
