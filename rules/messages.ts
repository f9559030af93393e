import type { AccountReasonCode, ReasonCode, UrlReasonCode, Verdict } from '../types/check'
import { foreignWithoutPrefix, type PhoneFacts } from './phone-facts'
import type { CheckKind } from '../types/kinds'
import type { ListFacts } from './list-facts'

// A hit in the phone's copy of the blocklist is a filter's hit: it may be wrong, so it says no more than this.
function maybeListedOffline(noun: string): string {
  return `离线名单可能包含这个${noun}，联网后确认。确认之前请当它可疑：不回拨、不点开、不转账。`
}

// What the rules would call safe is not said offline: only the county's lists can vouch for a value.
function unconfirmedOffline(noun: string): string {
  return `这个${noun}看起来没有问题，但现在没有网络，不能向县反诈中心的名单确认，所以先不说“安全”。联网后会再确认。`
}

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
      return `这是境外来电${where}。以“00”或“+”开头、国家代码不是86的号码都来自境外，冒充客服、公检法的诈骗电话多从境外打来。不认识的境外来电最好不接；接了，对方一提转账、验证码就立即挂断，更不要回拨。`
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
    case 'NOT_A_VALID_NUMBER': {
      const abroad = foreignWithoutPrefix(facts)
      if (abroad) {
        return `这像是${countryName(abroad)}的号码（前面少了“00”或“+”）：如果是这个号码打来的，就是境外来电。不认识的境外来电最好不接；接了，对方一提转账、验证码就立即挂断，更不要回拨。`
      }
      return '这不是一个有效的电话号码，来电显示可能被篡改过。请先核对是否输错；如果来电就是这样显示的，请不要相信对方。'
    }
    case 'MAYBE_BLOCKLISTED':
      return maybeListedOffline('号码')
    case 'UNCONFIRMED':
      return unconfirmedOffline('号码')
    case 'IN_TEXT':
      return `您输入的不只是一个号码：号码${lists.verified ? `（${lists.verified.label}）` : ''}只是其中一部分，不能说明整段内容可信。诈骗短信常写上真的客服号码，再附上假网址。请把整段消息粘贴到“查一查”里检查。`
  }
}

export interface UrlMessageContext {
  category?: string
  reporters: number
  label?: string
  host: string
  disguise: string
  /** The sender whose name the domain borrows (IMPERSONATION). */
  brand?: string
  /** The official domain a look-alike imitates, and whose it is. */
  imitated?: string
  imitatedName?: string
}

export function urlMessage(code: UrlReasonCode, ctx: UrlMessageContext): string {
  switch (code) {
    case 'DISGUISED_HOST':
      return `网址里“@”前面的“${[...ctx.disguise].slice(0, 60).join('')}”只是伪装：真正打开的是“@”后面的网站“${ctx.host}”。这是钓鱼网址的常用手法，请不要打开。`
    case 'BLOCKLISTED':
      return `这个网址已被列入反诈黑名单（${ctx.category ?? '诈骗'}）。不要打开，不要在里面输入账号、密码、验证码，不要付款。`
    case 'LOOKALIKE':
      return ctx.imitated
        ? `这个网址假冒${ctx.imitatedName ?? '正规网站'}：“${ctx.host}”和官方网址“${ctx.imitated}”只差一点点，或用了看起来相同的字母。这是钓鱼网站的典型手法，请不要打开。`
        : `这个网址冒充正规网站：“${ctx.host}”和银行、支付或政府网站的地址只差一点点，或用了看起来相同的外文字母。这是钓鱼网站的典型手法，请不要打开。`
    case 'IMPERSONATION':
      return `这个网址假冒${ctx.brand ?? '正规单位'}：“${ctx.host}”借用了它的名字或号码，却不是它的官方网址。这是钓鱼网站的典型手法，请不要打开，更不要在里面输入卡号、密码、验证码。`
    case 'GOVERNMENT_DISGUISE':
      return `这个网址冒充政府网站：“${ctx.host}”里有“gov”字样，但政府网站都以“.gov.cn”结尾，它不是。请不要打开，更不要填写身份证、银行卡信息。`
    case 'FREE_HOSTING':
      return `这个网址建在免费建站平台上（${ctx.host}），任何人几分钟就能建一个。银行、政府不会用这样的网址，请不要在里面登录或付款。`
    case 'IP_LITERAL':
      return '这个网址用的是一串数字（IP地址）而不是网站名称，正规银行和政府网站不会这样。请不要在里面登录或付款。'
    case 'SHORTENER':
      return '这是一个短链接，看不出真正打开的是哪个网站。诈骗短信常用短链接隐藏钓鱼网站，不认识的发送者发来的短链接不要点。'
    case 'INSECURE_LOGIN':
      return '这个网址要求登录或付款，却没有用加密连接（https）。正规网站不会这样，请不要输入任何信息。'
    case 'REPORTED':
      return `已有${ctx.reporters}位居民举报过这个网址，正在核实中。请不要打开或在里面输入信息。`
    case 'VERIFIED':
      return `这是核实过的正规网站${ctx.label ? `：${ctx.label}` : ''}。仍请注意：不要把验证码告诉任何人。`
    case 'MAYBE_BLOCKLISTED':
      return maybeListedOffline('网址')
    case 'UNCONFIRMED':
      return unconfirmedOffline(`网址${ctx.label ? `（看起来是${ctx.label}）` : ''}`)
  }
}

export function accountMessage(code: AccountReasonCode, ctx: { category?: string; reporters: number }): string {
  switch (code) {
    case 'BLOCKLISTED':
      return `这个收款账户已被列入反诈黑名单（${ctx.category ?? '诈骗'}）。不要向它转账；已经转账的，请立即拨打110报警。`
    case 'REPORTED':
      return `已有${ctx.reporters}位居民举报过这个账户，正在核实中。请不要向它转账。`
    case 'MAYBE_BLOCKLISTED':
      return maybeListedOffline('账户')
    case 'CHECK_DIGIT_MISMATCH':
      return '这个卡号的数字对不上，不是一个真实的银行卡号：可能抄错了一位，也可能是编造的。请向对方以外的可靠渠道核实，不要急着转账。'
  }
}

// What to do now, for the kind of thing checked: a call is hung up, a link is not opened, an account gets no money.
const ADVICE: Record<CheckKind, Record<Verdict, string[]>> = {
  phone: {
    dangerous: ['立即挂断，不要回拨', '不要透露验证码、银行卡号和密码，不要转账', '如已转账，请马上拨打110或96110报警'],
    suspicious: [
      '不认识的号码最好不接；接了，对方一提转账、验证码、退款、贷款就立即挂断',
      '通过官方渠道核实对方身份，不要用对方给的号码回拨',
      '拿不准时拨打96110咨询'
    ],
    unknown: ['暂无风险记录不代表一定安全：凡是要求转账、索要验证码的都是诈骗', '拿不准时拨打96110咨询'],
    safe: ['这是核实过的号码，但也不要向任何人透露验证码和密码', '拿不准时拨打96110咨询']
  },
  url: {
    dangerous: [
      '不要打开这个网址，也不要转发给别人',
      '已经打开的，不要在里面输入账号、密码、验证码，不要付款',
      '如已输入信息或付款，请马上拨打110或96110报警，并联系银行冻结账户'
    ],
    suspicious: ['先不要打开：银行、政府的网址请从官方App或官网进入', '不要在这个网站里登录、输入验证码或付款', '拿不准时拨打96110咨询'],
    unknown: ['暂无风险记录不代表一定安全：要求登录、付款、下载App的网址要格外小心', '拿不准时拨打96110咨询'],
    safe: ['这是核实过的正规网站，但也不要向任何人透露验证码和密码', '拿不准时拨打96110咨询']
  },
  // A message is not a call: its links are not opened, its numbers not called back, its requests not followed.
  message: {
    dangerous: [
      '不要点消息里的链接，不要回拨消息里的号码',
      '不要把验证码告诉任何人，不要转账，不要输入银行卡号和密码',
      '如已点链接、填了信息或转了账，马上拨打110或96110报警，并联系银行'
    ],
    suspicious: [
      '先不要点链接、不要回拨消息里的号码',
      '找银行、客服、政府办事，请用官方App或自己查到的官方电话',
      '不要把验证码告诉任何人，不要转账；拿不准时拨打96110咨询'
    ],
    unknown: [
      '暂无风险记录不代表一定安全：凡是要您转账、说验证码、点链接登录的都是诈骗',
      '找银行、客服、政府办事，请用官方App或自己查到的官方电话',
      '拿不准时拨打96110咨询'
    ],
    safe: ['不要把验证码告诉任何人，不要转账', '拿不准时拨打96110咨询']
  },
  account: {
    dangerous: ['不要向这个账户转账，无论对方怎么说', '如已转账，请马上拨打110或96110报警，并联系银行止付', '保留聊天记录和转账凭证'],
    suspicious: ['先不要转账：通过对方以外的可靠渠道当面或电话核实', '“安全账户”“刷单返利”“解冻费”都是诈骗说法', '拿不准时拨打96110咨询'],
    unknown: ['暂无风险记录不代表一定安全：陌生人让您转账的都要先核实', '拿不准时拨打96110咨询'],
    safe: ['转账前仍请核实对方身份', '拿不准时拨打96110咨询']
  }
}

export function adviceFor(verdict: Verdict, kind: CheckKind): string[] {
  return ADVICE[kind][verdict]
}

// Offline, "no risk on record" is not said (no record was looked at): what to do until the lists can be asked.
const OFFLINE_UNKNOWN_ADVICE: Record<CheckKind, string[]> = {
  phone: ['没有网络，名单还没查：不认识的号码先不接、不回拨', '凡是要求转账、索要验证码的都是诈骗', '拿不准时拨打96110咨询'],
  url: ['没有网络，名单还没查：先不要打开，更不要在里面登录、付款', '拿不准时拨打96110咨询'],
  account: ['没有网络，名单还没查：先不要转账', '陌生人让您转账的都要先核实', '拿不准时拨打96110咨询'],
  message: ['没有网络，名单还没查：先不要点链接、不要回拨消息里的号码', '凡是要您转账、说验证码、点链接登录的都是诈骗', '拿不准时拨打96110咨询']
}

/** What to do, for an answer given without a network. */
export function offlineAdviceFor(verdict: Verdict, kind: CheckKind): string[] {
  return verdict === 'unknown' || verdict === 'safe' ? OFFLINE_UNKNOWN_ADVICE[kind] : ADVICE[kind][verdict]
}
