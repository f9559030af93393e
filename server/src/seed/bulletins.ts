import type { Kysely } from 'kysely'
import type { BulletinInput } from '../../../types/bulletins.ts'
import type { DB } from '../db/schema.ts'
import { createBulletinRepository } from '../bulletins/repository.ts'

const tips = (...items: string[]) => ({ type: 'tips' as const, title: '记住这几条', items: [...items, '拿不准的，先挂电话，拨打 96110 反诈专线'] })

/**
 * Eight weekly bulletins written for 宁陕县 (cases are composites: names, places and amounts are illustrative).
 * Published one week apart, oldest first, so they get consecutive issue numbers.
 */
export const DEMO_BULLETINS: BulletinInput[] = [
  {
    title: '“点赞返利”是陷阱，先给甜头再骗大钱',
    summaryShort: '刷单返利：先返小钱再骗大钱',
    summary: '本周城关镇发生2起刷单返利诈骗，受害人均在家带孩子，先赚了几十元“佣金”，后被骗走数万元。',
    periodStart: '2026-10-05',
    periodEnd: '2026-10-11',
    tags: ['刷单返利'],
    audience: null,
    severity: 'routine',
    body: [
      { type: 'paragraph', text: '骗子在QQ群、短视频评论区招募“点赞员”“刷单员”，声称在家动动手指每天能赚两三百元。' },
      {
        type: 'case',
        title: '城关镇李女士被骗3.8万元',
        fraudType: '刷单返利',
        channel: 'QQ群',
        lossAmount: 38000,
        story:
          '李女士加入“兼职群”后，按要求给视频点赞，每单收到3元佣金。几天后“客服”让她做“垫付任务”，先返了本金和200元，随后要求连做“三连单”才能提现，李女士陆续转账3.8万元后对方失联。'
      },
      { type: 'paragraph', text: '套路：先用小额返利取得信任，再以“任务未完成”“卡单”“账户冻结”为由不断要求转账。' },
      tips('凡是要求先垫钱的刷单、点赞、做任务，都是诈骗', '不下载陌生人发来的App或会议软件', '已经转账的，立即拨打110或96110，保留聊天记录和转账凭证')
    ]
  },
  {
    title: '“内部消息”“稳赚不赔”的投资群是骗局',
    summaryShort: '投资理财群：导师带你亏光',
    summary: '骗子以“股票老师”“理财导师”身份拉人进群，用虚假平台显示高收益，诱导不断加大投入。',
    periodStart: '2026-10-12',
    periodEnd: '2026-10-18',
    tags: ['虚假投资理财'],
    audience: null,
    severity: 'routine',
    body: [
      {
        type: 'case',
        title: '广货街镇退休教师被骗12万元',
        fraudType: '虚假投资理财',
        channel: '微信群',
        lossAmount: 120000,
        story:
          '张老师被拉进“价值投资交流群”，群里“老师”每天分享股票，群友纷纷晒收益。张老师在对方提供的App上投入5万元，账面很快“翻倍”，想提现时被要求缴纳“个人所得税”“保证金”，又转了7万元仍无法提现。'
      },
      {
        type: 'table',
        caption: '本周全县电信网络诈骗警情',
        columns: ['类型', '起数', '损失（万元）'],
        rows: [
          ['虚假投资理财', '3', '18.6'],
          ['刷单返利', '4', '6.2'],
          ['冒充客服', '2', '1.5']
        ]
      },
      tips('正规投资只在持牌机构的官方App进行', '“稳赚不赔”“内部消息”“带单”都是诈骗话术', '提现要先交钱的，一定是诈骗')
    ]
  },
  {
    title: '“无抵押、秒到账”的网贷，先收费的都是骗子',
    summaryShort: '网贷先交费的都是诈骗',
    summary: '急用钱的群众接到“低息贷款”电话或短信，按要求交了“解冻费”“保证金”，一分钱也没贷到。',
    periodStart: '2026-10-19',
    periodEnd: '2026-10-25',
    tags: ['虚假网络贷款'],
    audience: null,
    severity: 'routine',
    body: [
      {
        type: 'case',
        fraudType: '虚假网络贷款',
        channel: '短信链接',
        lossAmount: 9600,
        story: '江口回族镇马先生想贷款买农机，点开短信链接下载“贷款App”，申请5万元后被告知“银行卡号填错，资金被冻结”，需交“解冻金”，前后转账9600元。'
      },
      { type: 'paragraph', text: '正规贷款机构放款前不会收取任何费用。凡是放款前要交“手续费”“保证金”“解冻费”“刷流水”的，都是诈骗。' },
      tips('贷款请到银行柜台或正规金融机构办理', '不点短信里的贷款链接', '不把验证码告诉任何人')
    ]
  },
  {
    title: '“快递丢了要理赔”？先挂电话再核实',
    summaryShort: '冒充客服说理赔是诈骗',
    summary: '骗子冒充快递、电商客服，以“快递丢失理赔”“会员自动扣费”为由，诱导开启屏幕共享并转账。',
    periodStart: '2026-10-26',
    periodEnd: '2026-11-01',
    tags: ['冒充电商物流客服'],
    audience: null,
    severity: 'routine',
    body: [
      {
        type: 'case',
        title: '龙王镇小王差点被骗',
        fraudType: '冒充电商物流客服',
        channel: '电话',
        lossAmount: 0,
        story:
          '小王接到“快递客服”电话，说他的包裹丢了要双倍理赔，让他下载会议软件并开启屏幕共享。小王想起社区民警讲过的案例，挂断电话后拨打了96110核实，避免了损失。'
      },
      tips('理赔、退款只通过购物App里的官方客服办理', '任何让你开启“屏幕共享”的，都是诈骗', '不向“客服”提供银行卡号和验证码')
    ]
  },
  {
    title: '公检法不会电话办案，更没有“安全账户”',
    summaryShort: '公检法不会电话办案',
    summary: '骗子冒充公安、检察院，说你涉嫌洗钱，发“通缉令”，要求把钱转到“安全账户”配合调查。',
    periodStart: '2026-11-02',
    periodEnd: '2026-11-08',
    tags: ['冒充公检法'],
    audience: null,
    severity: 'urgent',
    body: [
      {
        type: 'case',
        title: '筒车湾镇刘阿姨被骗6万元',
        fraudType: '冒充公检法',
        channel: '电话',
        lossAmount: 60000,
        story:
          '刘阿姨接到自称“上海市公安局”的电话，说她的身份证被用于开户洗钱，随后对方在视频里出示“警官证”和“逮捕令”，要求她“保密”，把存款转到“安全账户”接受审查。'
      },
      { type: 'paragraph', text: '公安机关不会通过电话、微信、视频办案，不会发送“通缉令”“逮捕令”图片，更不存在所谓“安全账户”。' },
      tips('接到自称公检法的电话要求转账，立即挂断', '不要“保密”，第一时间告诉家人', '可以到就近派出所当面核实')
    ]
  },
  {
    title: '“00”“+”开头的来电，是境外打来的',
    summaryShort: '00开头来电多为境外诈骗',
    summary: '近期多名群众接到“00”“+”开头的来电，对方自称客服、公安或熟人。境外来电多为诈骗，请勿接听回拨。',
    periodStart: '2026-11-09',
    periodEnd: '2026-11-15',
    tags: ['境外来电/00开头'],
    audience: null,
    severity: 'urgent',
    body: [
      {
        type: 'paragraph',
        text: '按照规定，境外打来的电话在手机上显示为“00”或“+”开头加国家代码，运营商不能隐藏。号码前面是“+86”但后面跟着95开头、110等号码的，多为改号冒充。'
      },
      {
        type: 'case',
        fraudType: '境外来电/00开头',
        channel: '境外电话',
        lossAmount: 15000,
        story: '金川镇一位村民接到“00852”开头的电话，对方称是“银行风控中心”，说他的卡涉嫌异常交易，需要转到“验证账户”，该村民转账1.5万元。'
      },
      tips('没有境外亲友的，“00”“+”开头的电话不要接', '在“守好钱袋子”里可以直接查号码', '已经接听并转账的，立即报警')
    ]
  },
  {
    title: '养老“高回报”项目，骗走的是老人的血汗钱',
    summaryShort: '养老高回报项目是骗局',
    summary: '以“养老公寓预售”“养老保险返利”“保健品免费领”为名，骗取老年人钱财。',
    periodStart: '2026-11-16',
    periodEnd: '2026-11-22',
    tags: ['养老诈骗'],
    audience: null,
    severity: 'routine',
    body: [
      {
        type: 'case',
        title: '皇冠镇多名老人参加“养老讲座”后被骗',
        fraudType: '养老诈骗',
        channel: '线下讲座',
        lossAmount: 45000,
        story: '一家“健康科技公司”在镇上免费发鸡蛋、办讲座，宣称投资“养老公寓”年回报20%。几位老人共投入4.5万元，公司很快人去楼空。'
      },
      tips('“免费领”“高回报”的养老项目要警惕', '大额支出先和子女商量', '子女要多和父母聊聊反诈知识')
    ]
  },
  {
    title: '“领导”加你微信要转账？先打电话核实',
    summaryShort: '冒充领导熟人要钱先核实',
    summary: '骗子用领导、熟人的头像和名字加好友，以“不方便出面”“急需周转”为由让你转账。',
    periodStart: '2026-11-23',
    periodEnd: '2026-11-29',
    tags: ['冒充领导熟人'],
    audience: null,
    severity: 'routine',
    body: [
      {
        type: 'case',
        fraudType: '冒充领导熟人',
        channel: '微信',
        lossAmount: 20000,
        story:
          '新场镇某单位会计收到“局长”的好友申请，头像、名字都对得上。“局长”说要给朋友转一笔钱，让会计先垫付2万元，会计转账后打电话向局长本人核实才发现被骗。'
      },
      tips('涉及转账的，一定要打电话或当面核实', '不要只凭头像和名字判断对方身份', '单位财务要严格执行转账审批制度')
    ]
  }
]

/** Publishes the demo bulletins a week apart, ending this week (issue numbers 1–8 of the year). */
export async function seedDemoBulletins(db: Kysely<DB>, now = new Date()): Promise<number> {
  const repo = createBulletinRepository(db)
  for (const [i, b] of DEMO_BULLETINS.entries()) {
    const id = await repo.create(b, null)
    const publishedAt = new Date(now.getTime() - (DEMO_BULLETINS.length - 1 - i) * 7 * 86_400_000)
    await repo.publish(id, publishedAt.getUTCFullYear(), publishedAt)
  }
  return DEMO_BULLETINS.length
}
