import type { ScamScriptCode, Verdict } from '../types/check'

/**
 * The scam scripts, as rules written from the police's public warnings ("八个凡是", "十个凡是": 凡是自称公检法要求汇款
 * 到安全账户的，凡是通知中奖、领补贴要先交钱的，凡是索要验证码的，凡是陌生链接要登记银行卡信息的 … 都是诈骗).
 *
 * A rule is a list of conditions that must all hold; a condition is a set of words (any one of them, found in a
 * clause that does not negate or warn against it) or a fact about the message's parts. A script has one or more
 * rules; the first that holds names it and the words it matched are shown to the resident.
 */
type Condition = RegExp | 'UNOFFICIAL_LINK' | 'CONTACT_ID'
interface ScriptRule {
  code: ScamScriptCode
  verdict: Exclude<Verdict, 'safe' | 'unknown'>
  all: Condition[]
}

const CONTACT = /加.{0,6}(微信|QQ|qq|好友)|进群|拉你进|私聊|私信|联系.{0,6}(专员|客服)/
const MONEY_OUT =
  /转账|汇款|打款|转给|转一下|转过去|转到|汇到|打到|借.{0,4}钱|急用|急需|周转|垫付|先转|帮我付|付款|转钱|打钱|汇钱|打给我|转\s?\d|转.{0,8}(元|万|块)/

export const SCRIPT_RULES: readonly ScriptRule[] = [
  { code: 'FAKE_POLICE_SAFE_ACCOUNT', verdict: 'dangerous', all: [/安全账户|安全帐户|清查账户|资金清查|资金核查|资金审查|资产清查|清白账户/] },
  {
    code: 'FAKE_POLICE_SAFE_ACCOUNT',
    verdict: 'dangerous',
    all: [
      /公安|警察|警官|民警|刑警|检察院|检察官|法院|法官|通缉|逮捕|拘捕|洗钱|涉案|涉嫌|犯罪|立案/,
      /转账|汇款|转入|转到|保密|不得告诉|不能告诉|配合调查|冻结|通缉令|逮捕令|视频笔录|笔录|传唤|传票|资金|银行卡|信用卡|嫌疑人|逮捕|转接|稽查|偷税|冒用|被用于/,
      /转账|汇款|转入|转到|保密|不得告诉|不能告诉|配合调查|通缉令|逮捕令|视频笔录|传唤|验证码|下载|链接|QQ|微信|致电|转人工|按.键|转接/
    ]
  },
  {
    code: 'FAKE_SERVICE_REFUND',
    verdict: 'dangerous',
    all: [
      /快递|包裹|物品|商品|订单|丢失|丢件|破损|质量|会员|百万保障|保险|扣费|自动续费|客服|直播|学生|店铺|购买|航班|机票|改签|超标|退款|售后|召回/,
      /理赔|赔偿|赔付|补偿|召回|退款|退费|退还|双倍|三倍|关闭|取消|注销|扣费/,
      /共享屏幕|屏幕共享|备用金|借呗|花呗|微粒贷|贷款|转账|验证码|开通|按.{0,12}操作|手机银行|指导|扫码|二维码|下载|配合|影响.{0,4}征信/
    ]
  },
  {
    code: 'FAKE_SERVICE_REFUND',
    verdict: 'dangerous',
    all: [
      /快递|包裹|物品|商品|订单|丢失|丢件|破损|质量问题|会员|百万保障|扣费|自动续费/,
      /理赔|赔偿|赔付|退款|退费|退还|双倍|三倍|关闭|取消|注销/,
      'UNOFFICIAL_LINK'
    ]
  },
  { code: 'FAKE_SERVICE_REFUND', verdict: 'dangerous', all: [/快递|包裹|丢失|丢件|理赔/, /理赔|赔偿|赔付/, CONTACT] },
  { code: 'FAKE_SERVICE_REFUND', verdict: 'dangerous', all: [/快递|包裹|丢失|丢件|理赔|快件/, /理赔|赔偿|赔付/, 'CONTACT_ID'] },
  // Second-hand trading platforms: "the buyer paid, but your account needs a deposit before you can be paid".
  { code: 'FAKE_SERVICE_REFUND', verdict: 'dangerous', all: [/闲鱼|转转|买家|卖家|拍下/, /保证金|冻结|解冻|开通.{0,6}服务/, /客服|QQ|qq|微信|链接/] },
  {
    code: 'TASK_REBATE',
    verdict: 'dangerous',
    all: [/刷单|刷信誉|刷好评|刷销量|点个?赞|做任务|接任务|抢单|派单|关注.{0,6}博主/, /佣金|返利|返现|提成|垫付|本金|一单|收益|赚|元一个|日结/]
  },
  { code: 'TASK_REBATE', verdict: 'dangerous', all: [/兼职|在家|动动手指|宝妈|学生党|躺赚|日赚/, /垫付|返利|佣金|充值|本金|点赞|刷单|做任务/] },
  { code: 'TASK_REBATE', verdict: 'dangerous', all: [/任务|刷单|抢单|派单|做单|卡单|联单/, /垫付|佣金|返利|本金|充值/] },
  {
    code: 'FAKE_INVESTMENT',
    verdict: 'dangerous',
    all: [
      /投资|理财|炒股|股票|基金|期货|外汇|虚拟币|数字货币|比特币|USDT|usdt|泰达币|区块链|原始股|数字藏品|黄金|项目|的票|大单/,
      /稳赚|保本|分红|本金全退|国家扶持|名额有限|名额不多|高收益|高回报|内幕|带单|翻倍|翻.{1,3}倍|上市后|日收益|包赚|零风险|无风险|躺赚|稳赢|暴涨|牛股|涨停|日赚|回报率|百分之.{1,3}收益|\d+%收益|收益\d+%|稳定收益/
    ]
  },
  {
    code: 'FAKE_INVESTMENT',
    verdict: 'dangerous',
    all: [/导师|老师|助理|分析师|带头人/, /荐股|带你|直播课|免费课|进群|投资群|股票群|炒股群/, /股票|炒股|投资|收益|赚/]
  },
  {
    code: 'FAKE_LOAN_CREDIT',
    verdict: 'dangerous',
    all: [
      /贷款|借款|网贷|放款|下款|借钱|额度|口子|借呗|微粒贷/,
      /无抵押|无需抵押|当天到账|回复\s?1|不看征信|黑户|白户|秒批|秒到|包过|保证金|解冻|刷流水|验资|激活费|工本费|会员费|先交|先付|手续费|认证费|流水/
    ]
  },
  { code: 'FAKE_LOAN_CREDIT', verdict: 'dangerous', all: [/征信/, /修复|洗白|消除|铲单|删除|撤销|代办|花钱|收费|逾期记录可以|不良记录/] },
  { code: 'FAKE_LOAN_CREDIT', verdict: 'dangerous', all: [/学生账户|校园贷|注销.{0,6}(账户|账号|贷款|校园)/, /征信|影响|注销/] },
  {
    code: 'SUBSIDY_AUTH',
    verdict: 'dangerous',
    all: [
      /ETC|etc|医保|社保|补贴|补助|养老金|个税|退税|电子社保卡|医保卡|社保卡|失业金|公积金|退费|高龄津贴/,
      /认证|失效|过期|停用|禁用|暂停|领取|申领|办理|更新|升级|验证|激活|注销|核实|审核|发放/,
      'UNOFFICIAL_LINK'
    ]
  },
  {
    code: 'SUBSIDY_AUTH',
    verdict: 'dangerous',
    all: [
      /ETC|etc|医保|社保|补贴|补助|养老金|个税|退税|电子社保卡|医保卡|社保卡|失业金|公积金|高龄津贴/,
      /认证|失效|过期|停用|禁用|暂停|领取|申领|验证|激活|注销/,
      /银行卡号|卡号|密码|验证码|身份证号/
    ]
  },
  {
    code: 'SUBSIDY_AUTH',
    verdict: 'dangerous',
    all: [/ETC|etc|医保|社保|补贴|补助|养老金|个税|退税|医保卡|社保卡|失业金|公积金|高龄津贴/, /认证|失效|过期|清零|提现|停用|领取|激活/, 'CONTACT_ID']
  },
  {
    code: 'SUBSIDY_AUTH',
    verdict: 'dangerous',
    all: [
      /ETC|etc|医保|社保|补贴|补助|养老金|个税|退税|医保卡|社保卡|失业金|公积金|高龄津贴/,
      /认证|异常|失效|过期|停用|激活/,
      /发.{0,4}链接|按提示填写|点.{0,4}链接/
    ]
  },
  {
    code: 'POINTS_PRIZE',
    verdict: 'dangerous',
    all: [/积分|中奖|抽中|幸运用户|获奖|奖品|大奖|红包|礼品|奖金/, /兑换|清零|过期|到期|领取|提现|现金|兑奖/, 'UNOFFICIAL_LINK']
  },
  {
    code: 'POINTS_PRIZE',
    verdict: 'dangerous',
    all: [/中奖|抽中|幸运用户|获奖|大奖|奖金|奖品|[一二三特]等奖|领奖/, /手续费|保证金|个人所得税|个税|公证费|邮费|运费|先交|先付|转账|银行卡号/]
  },
  {
    code: 'FAKE_BOSS_ACQUAINTANCE',
    verdict: 'dangerous',
    all: [
      /我是.{0,3}(总|局|主任|书记|处长|科长|经理|董事长)|私人微信|原来那个不用了|我是你?.{0,6}(领导|老板|局长|科长|主任|书记|老师|表哥|表姐|表弟|侄子|外甥|老同学|同学|朋友|亲戚|儿子|女儿|孙子|孙女)|换号|换了.{0,3}号|新号码|新号|手机丢了|手机坏了|猜猜我是谁|这是我的?新|加我(微信|QQ|qq)|我的新微信|(领导|老板|.总|局长|主任|书记)(让|叫|要)你/,
      MONEY_OUT
    ]
  },
  {
    code: 'GAME_TRADE',
    verdict: 'dangerous',
    all: [
      /游戏|装备|皮肤|点券|金币|代练|王者|和平精英|原神|英雄联盟|账号交易|买号|卖号|游戏币/,
      /交易|买卖|出售|收购|回收|低价|便宜|出个|折扣|解冻|保证金|充值|返利|免费领/,
      /平台|网站|解冻|保证金|转账|扫.{0,3}码|私下|爸妈的手机/
    ]
  },
  {
    code: 'GAME_TRADE',
    verdict: 'dangerous',
    all: [/游戏|装备|皮肤|点券|代练|王者荣耀|和平精英|原神|买号|卖号/, /交易|出售|低价|免费领|返利|充值/, 'UNOFFICIAL_LINK']
  },
  {
    code: 'ASK_FOR_CODE',
    verdict: 'dangerous',
    all: [
      /验证码|校验码|动态码|动态密码|短信码|发了.{0,8}码|把码|码报给|码发给/,
      /发给我|告诉我|报给我|报一下|念一下|说一下|发我|提供给|发过来|截图给我|截图发|转发给|回复给我|报给|告诉客服|发给客服|提供一下|给我看/
    ]
  },
  {
    code: 'SCREEN_SHARE',
    verdict: 'dangerous',
    all: [
      /共享屏幕|屏幕共享|远程协助|远程控制|向日葵|ToDesk|todesk|TeamViewer|teamviewer/,
      /银行|账户|转账|验证码|客服|退款|征信|注销|贷款|理赔|按.{0,12}操作|指导|配合|密码|识别码|扣费|关闭|业务/
    ]
  },
  {
    code: 'SCREEN_SHARE',
    verdict: 'dangerous',
    all: [
      /腾讯会议|会议号|Zoom|zoom|钉钉会议|下载.{0,6}(会议|APP|App|app|软件)|安装.{0,6}(APP|App|app|软件)/,
      /银行|账户|转账|验证码|客服|退款|征信|注销|贷款|理赔|警官|民警|公安|调查|笔录/
    ]
  },
  {
    code: 'SEXTORTION',
    verdict: 'dangerous',
    all: [
      /裸聊|裸照|不雅视频|私密视频|视频.{0,2}截图|录屏|录下来|视频的画面|主播视频|不雅照|亲密视频|美女视频/,
      /曝光|发给.{0,4}(亲友|家人|朋友|通讯录|同事|老婆|老公)|发到|通讯录|删除|付款|转账|给钱|不想|群发|转\s?\d/
    ]
  },
  { code: 'SEXTORTION', verdict: 'dangerous', all: [/裸聊|私密视频|不雅视频|美女视频|视频聊天|裸照/, /下载|安装|注册/, 'UNOFFICIAL_LINK'] },
  {
    code: 'PHISHING_LINK',
    verdict: 'dangerous',
    all: [
      'UNOFFICIAL_LINK',
      /异常|冻结|停用|失效|过期|逾期|即将|影响使用|今日|立即|尽快|24小时|限时|将被|扣除|罚款|违章|欠费|无法派送|派送失败|地址不详/,
      /银行卡|密码|验证码|身份证|登录|登陆|账户|账号|填写|认证|验证|信息|点击|处理/
    ]
  },
  {
    code: 'PHISHING_LINK',
    verdict: 'suspicious',
    all: ['UNOFFICIAL_LINK', /异常|冻结|停用|失效|过期|逾期|认证|验证|激活|注销|领取|补贴|退款|中奖|积分|罚款|违章|欠费|登录|登陆|无法派送|派送失败|地址不详/]
  }
]

// A clause that warns against the words, or denies them ("凡是…都是诈骗", "请勿告诉他人", "公检法不会…"), does not
// count: that is what the county's own publicity and a genuine verification-code SMS say.
const NEGATED =
  /冒充|新闻|不收|不要|请勿|切勿|勿|千万别|别信|别转|别点|别给|别告诉|别在|别再|谨防|警惕|凡是|都是诈骗|是诈骗|是骗局|骗子|是托|都是托|不会|绝不|从不|决不|没有|不存在|防范|提防|严禁|拒绝|不可能|不需要|无需|不用|反诈|防骗|小心|识破|被骗|上当/
const CLAUSE = /[，。！？；,!?;\n]+/

export interface MessageFacts {
  /** A link that is not an official or verified site (including short links). */
  unofficialLink: boolean
  /** A QQ or WeChat id to add. */
  contactId: boolean
}

export interface ScriptMatch {
  code: ScamScriptCode
  verdict: Exclude<Verdict, 'safe' | 'unknown'>
  matched: string[]
}

/** The clauses of a message that assert rather than warn, joined back: what the words are looked for in. */
export function assertingText(text: string): string {
  return text
    .split(CLAUSE)
    .filter((c) => !NEGATED.test(c))
    .join('。')
}

/**
 * A request for money or a code with no script behind it: not named, but never answered "no risk" either. A message
 * that asks you to transfer, pay a deposit or read out a code is 可疑 until checked with the person by phone.
 */
const ASKS_FOR_MONEY_OR_CODE =
  /转账给|转给我|转我|直接转|打给我|汇给我|充到|先充值|保证金|解冻金|解冻费|押金|把.{0,4}码.{0,4}(报|发|告诉|给)|验证码.{0,6}(发|告诉|报|给)我|密码给我|账号密码|私我|私聊我/

/** `asserting` is assertingText(message), worked out once by the caller. */
export function asksForMoneyOrCode(asserting: string): string | null {
  return ASKS_FOR_MONEY_OR_CODE.exec(asserting)?.[0] ?? null
}

/** The scripts a message follows, each once, with the words that matched; dangerous ones first. `asserting` is assertingText(message). */
export function matchScripts(asserting: string, facts: MessageFacts): ScriptMatch[] {
  const found = new Map<ScamScriptCode, ScriptMatch>()
  for (const rule of SCRIPT_RULES) {
    const prior = found.get(rule.code)
    if (prior && (prior.verdict === 'dangerous' || rule.verdict !== 'dangerous')) continue
    const matched: string[] = []
    let holds = true
    for (const condition of rule.all) {
      if (condition === 'UNOFFICIAL_LINK') holds = facts.unofficialLink
      else if (condition === 'CONTACT_ID') holds = facts.contactId
      else {
        const m = condition.exec(asserting)
        holds = m !== null
        if (m && !matched.includes(m[0])) matched.push(m[0])
      }
      if (!holds) break
    }
    if (holds) found.set(rule.code, { code: rule.code, verdict: rule.verdict, matched })
  }
  return [...found.values()].sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'dangerous' ? -1 : 1))
}
