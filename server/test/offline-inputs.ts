import { DEFAULT_SENDERS } from '../../rules/senders-data.ts'
import { luhnValid } from '../../rules/account-facts.ts'

// A large, varied, reproducible set of what residents check: every shape the rules tell apart, and noise around them.
// Used by the server/phone agreement test and by bench:offline (the metadata measurement).

/** mulberry32: small, seeded, good enough to spread inputs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedInputs {
  phone: string[]
  url: string[]
  account: string[]
  message: string[]
}

export function generateInputs(count: { phone: number; url: number; account: number; message: number }, seed = 29): GeneratedInputs {
  const r = seeded(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('')
  const spaced = (s: string): string => (r() < 0.3 ? s.replace(/(\d{3,4})(?=\d)/g, pick(['$1 ', '$1-', '$1'])) : s)
  const fullWidth = (s: string): string => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

  const phoneShapes: Array<() => string> = [
    () => pick(['13', '15', '18', '19', '17', '14', '16']) + digits(9),
    () => pick(['170', '171', '162', '165', '167']) + digits(8),
    () => pick(['+86', '0086', '86', '+86 ']) + pick(['13', '18', '170']) + digits(9),
    () => '0' + pick(['10', '21', '20', '915', '311', '871', '29']) + '-' + digits(pick([7, 8])),
    () => '0' + pick(['10', '21', '915', '311']) + pick(['-', '', ' ']) + pick(['110', '12110', '96110']),
    () => pick(['', '+86', '0086', '+86 ']) + pick(['95588', '95533', '96110', '110', '12345', '10086', '95598', '12381', '95' + digits(3), '96' + digits(3)]),
    () => '95' + digits(pick([6, 8, 9])),
    () => pick(['', '+86', '0']) + pick(['400', '800']) + pick(['-', '', ' ']) + digits(7),
    () =>
      pick(['+', '00', '00 ', '+ ']) +
      pick(['852', '853', '886', '1', '44', '63', '855', '95', '66', '81', '60', '7', '234']) +
      ' ' +
      digits(pick([7, 8, 9, 10])),
    () => pick(['852', '853', '886', '63', '855']) + ' ' + digits(8),
    () => fullWidth(pick(['+852 ', '0086', '']) + digits(pick([8, 11]))),
    () => '来电 ' + pick(['13', '170']) + digits(9) + pick(['，说是客服', '', ' 工行客服']),
    () => digits(Math.floor(r() * 24) + 1),
    () => pick(['abc', '电话', '+', '00', '+86', '12']) + (r() < 0.5 ? digits(2) : '')
  ]

  const official = DEFAULT_SENDERS.flatMap((s) => s.domains)
  const tokens = DEFAULT_SENDERS.flatMap((s) => s.tokens)
  const mutate = (domain: string): string => {
    const [name, ...rest] = domain.split('.')
    const i = Math.floor(r() * name.length)
    const edits = [
      () => name.slice(0, i) + name.slice(i + 1),
      () => name.slice(0, i) + pick(['a', 'o', 'l', '1', '0', 'x']) + name.slice(i),
      () => name.slice(0, i) + (name[i + 1] ?? '') + name[i] + name.slice(i + 2),
      () => name.replace(/o/g, '0').replace(/l/g, '1'),
      () => name.replace(/a/, 'а').replace(/o/, 'о'),
      () => name.replace(/m/, 'rn')
    ]
    return [pick(edits)(), ...rest].join('.')
  }
  const cheap = ['top', 'xyz', 'vip', 'cc', 'icu', 'shop', 'com', 'cn', 'net', 'com.cn']
  const urlShapes: Array<() => string> = [
    () => pick(['', 'https://', 'http://', 'www.']) + pick(official) + pick(['', '/', '/login', '/pay?x=1']),
    () => pick(['', 'https://', 'http://']) + mutate(pick(official)) + pick(['', '/', '/login']),
    () => pick(['', 'https://']) + pick(tokens) + pick(['-', '']) + pick(['jf', 'vip', 'kf', 'safe', 'cn', 'etc', '95588']) + '.' + pick(cheap),
    () => pick(['https://', '']) + pick(['etc-gov.cn.', 'gov.cn.', 'www-gov-cn.', 'govcn-']) + pick(['xyz', 'top', 'etc-cx.top']),
    () => 'http://' + [1, 2, 3, 4].map(() => Math.floor(r() * 256)).join('.') + pick(['', ':8080', '/login', '/pay']),
    () => 'https://' + pick(official) + pick(['@', ':pass@']) + pick(['evil.example', 'x.top', '1.2.3.4']) + '/',
    () => pick(['t.cn/', 'url.cn/', 'bit.ly/', 'dwz.cn/']) + digits(4),
    () => 'https://' + pick(['abc', 'pay', 'bank']) + digits(2) + '.' + pick(['netlify.app', 'github.io', 'pages.dev', 'vercel.app']),
    () => 'http://' + pick(['xn--fiqs8s.com', '中国银行.com', 'ɡoogle.com', 'xn--80ak6aa92e.com', 'пример.рф']) + '/login',
    () => pick(['', 'https://']) + pick(['example', 'shop', 'news', 'abc']) + digits(2) + '.' + pick(cheap) + pick(['', '/a/b']),
    () => pick(['ftp://x.com', 'javascript:alert(1)', 'http://', 'no dots here', '', 'https://[::1]/', 'http://0x7f.1/', 'HTTP://ICBC.COM.CN'])
  ]

  const card = (len: number, valid: boolean): string => {
    for (;;) {
      const n = pick(['6222', '6228', '6217', '4367', '6212']) + digits(len - 4)
      if (luhnValid(n) === valid) return n
    }
  }
  const accountShapes: Array<() => string> = [
    () => spaced(card(pick([16, 17, 18, 19]), true)),
    () => spaced(card(pick([16, 17, 18, 19]), false)),
    () => digits(pick([12, 13, 14, 20, 22, 25])),
    () => pick(['13', '18']) + digits(9),
    () => pick(['zhang', 'li', 'wang']) + digits(3) + '@' + pick(['qq.com', '163.com', 'example.cn']),
    () => pick(['wxid_', 'abc', 'Kefu_']) + digits(5),
    () => pick(['', '12', 'a', '@@', digits(30), '6222 0202']) + (r() < 0.3 ? '-' : '')
  ]

  const signatures = ['【工商银行】', '【建设银行】', '【中国移动】', '【ETC服务】', '【京东】', '【公安局】', '【医保局】', '']
  const phrases = [
    '您的账户存在异常，请登录',
    '您的ETC认证已失效，请点击',
    '您的积分即将清零，可兑换现金，详情',
    '我是公安局民警，您涉嫌洗钱，请将资金转入安全账户',
    '刷单返利，日赚300元，加',
    '老师带单，稳赚不赔，加入投资群',
    '请把收到的验证码告诉我',
    '下载会议软件开启屏幕共享',
    '您的快递丢失，我们将为您理赔，联系',
    '明天上午九点开会，请准时参加。',
    '妈，我换号了，急需用钱，转5000元到'
  ]
  const messageShapes: Array<() => string> = [
    () => pick(signatures) + pick(phrases) + ' ' + pick(urlShapes)() + ' ' + (r() < 0.5 ? pick(phoneShapes)() : ''),
    () => pick(phrases) + '，客服电话' + pick(phoneShapes)() + (r() < 0.5 ? '，QQ: ' + '1' + digits(8) : ''),
    () => pick(signatures) + pick(phrases) + '，卡号' + pick(accountShapes)() + '，金额' + digits(4) + '元',
    () => pick(phrases) + pick(['微信号：', 'vx ', '加v ']) + pick(['kefu', 'abc', 'vip']) + digits(5),
    () => pick(['', ' ', '   \n ', '好的', '收到，谢谢'])
  ]

  const many = (n: number, shapes: Array<() => string>) => Array.from({ length: n }, () => pick(shapes)())
  return {
    phone: many(count.phone, phoneShapes),
    url: many(count.url, urlShapes),
    account: many(count.account, accountShapes),
    message: many(count.message, messageShapes)
  }
}
