import { createReadStream } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { FraudTypeInput, TipInput } from '../../../types/learn.ts'
import type { DB } from '../db/schema.ts'
import { createLearnRepository } from '../learn/repository.ts'
import { LearnService } from '../learn/service.ts'
import { createMediaRepository } from '../media/repository.ts'
import { mp4Duration } from '../media/sniff.ts'
import type { MediaStorage } from '../media/storage.ts'

/** The fraud-type catalogue (county data the centre edits through PUT /api/v1/admin/fraud-types/:code). */
export const FRAUD_TYPES: Array<FraudTypeInput & { code: string }> = [
  {
    code: 'shuadan',
    name: '刷单返利',
    description: '以“点赞、刷单、做任务”赚佣金为诱饵，先返小钱，再以各种理由让受害人不断垫钱。',
    signs: ['在家动动手指就能赚钱', '先垫付再返佣', '要求下载陌生App或进“任务群”', '提现前要“解冻费”“连单”']
  },
  {
    code: 'touzi',
    name: '虚假投资理财',
    description: '冒充“导师”“客服”拉人进群，用虚假平台显示高收益，诱导不断加大投入。',
    signs: ['“内部消息”“稳赚不赔”', '陌生人拉你进投资群', '平台不是持牌机构的官方App', '提现要先交税、交保证金']
  },
  {
    code: 'daikuan',
    name: '虚假网络贷款',
    description: '以“无抵押、低利息、秒到账”为诱饵，在放款前收取各种费用。',
    signs: ['放款前要交手续费、保证金', '“银行卡号填错被冻结”', '要求刷流水证明还款能力', '通过短信链接下载贷款App']
  },
  {
    code: 'kefu',
    name: '冒充电商物流客服',
    description: '冒充快递、电商客服，以理赔、退款、取消会员为由诱导转账或开启屏幕共享。',
    signs: ['主动来电说要给你理赔', '要求开启屏幕共享', '让你在“备用金”“借呗”里借钱', '索要银行卡号和验证码']
  },
  {
    code: 'gongjianfa',
    name: '冒充公检法',
    description: '冒充公安、检察院、法院，称你涉嫌犯罪，要求把钱转到“安全账户”。',
    signs: ['电话里说你涉嫌洗钱、贩毒', '出示“通缉令”“逮捕令”图片', '要求“保密”，不许告诉家人', '让你转账到“安全账户”']
  },
  {
    code: 'zhengxin',
    name: '虚假征信',
    description: '冒充金融机构，称你的征信有问题需要“修复”或“注销账户”，诱导转账。',
    signs: ['“不处理会影响征信”', '要求注销“校园贷”“学生账户”', '让你把钱转到“验证账户”', '要求下载会议软件']
  },
  {
    code: 'youxi',
    name: '网络游戏虚假交易',
    description: '以低价出售游戏账号、装备、皮肤为诱饵，在非官方平台交易后骗取钱财。',
    signs: ['价格远低于市场价', '要求到陌生网站交易', '“账户冻结”要交解冻费', '私下转账不走平台']
  },
  {
    code: 'shazhupan',
    name: '网络婚恋交友（杀猪盘）',
    description: '在网上与受害人谈恋爱，取得信任后诱导投资、赌博或借钱。',
    signs: ['网恋对象从不视频见面', '对方“带你赚钱”', '推荐投资、博彩网站', '以各种理由向你借钱']
  },
  {
    code: 'lingdao',
    name: '冒充领导熟人',
    description: '用领导、熟人的头像和名字加好友，以“不方便出面”“急需周转”为由要求转账。',
    signs: ['新加的“领导”“亲友”微信', '“我不方便，你先帮我垫付”', '催你尽快转账', '不接电话，只打字']
  },
  {
    code: 'jingwai',
    name: '境外来电/00开头',
    description: '“00”或“+”开头的境外来电冒充客服、公检法、熟人，是电信诈骗的高发来源。',
    signs: ['“00”“+”开头的陌生来电', '“+86”后接95开头、110等号码', '自称银行风控、公安', '要求转账或提供验证码']
  },
  {
    code: 'gouwu',
    name: '虚假购物服务',
    description: '以超低价商品、代购、演唱会门票等为诱饵，收款后不发货或发假货。',
    signs: ['价格低得离谱', '要求私下转账、不走平台', '“定金”“运费”一再追加', '卖家朋友圈全是“好评截图”']
  },
  {
    code: 'yanglao',
    name: '养老诈骗',
    description: '以养老投资、保健品、养老公寓、“以房养老”等名义骗取老年人钱财。',
    signs: ['免费领鸡蛋、听讲座', '“养老项目”高回报', '保健品“包治百病”', '要求抵押房产或交大额定金']
  }
]

const p = (text: string) => ({ type: 'paragraph' as const, text })
const tips = (...items: string[]) => ({ type: 'tips' as const, items })

/** 24 short tips for residents: one action each. */
export const DEMO_TIPS: TipInput[] = [
  {
    title: '公检法不会通过电话办案',
    fraudTypes: ['gongjianfa'],
    body: [p('公安、检察院、法院不会通过电话、微信、视频办案，不会发“通缉令”，更没有“安全账户”。'), tips('接到这类电话，直接挂断', '到就近派出所当面核实')]
  },
  {
    title: '00开头的来电是境外来电',
    fraudTypes: ['jingwai'],
    body: [p('手机上显示“00”或“+”开头的号码，是从境外打来的。没有境外亲友的，不要接，更不要回拨。'), tips('在“守好钱袋子”里一查便知')]
  },
  {
    title: '刷单就是诈骗，先返钱是诱饵',
    fraudTypes: ['shuadan'],
    body: [p('骗子先让你赚几十元佣金，再让你“垫付”大额订单，最后一分钱都拿不回来。'), tips('凡是要先垫钱的兼职，都是诈骗')]
  },
  {
    title: '“稳赚不赔”的投资都是骗局',
    fraudTypes: ['touzi'],
    body: [p('投资有风险。承诺高收益、稳赚不赔的，是虚假投资理财诈骗的典型话术。'), tips('只在持牌金融机构的官方渠道投资')]
  },
  {
    title: '贷款放款前要收费的都是诈骗',
    fraudTypes: ['daikuan'],
    body: [p('正规贷款在放款前不收取任何费用。要你交“手续费”“保证金”“解冻费”的，都是骗子。'), tips('贷款请到银行柜台办理')]
  },
  {
    title: '客服主动给你理赔？先挂电话',
    fraudTypes: ['kefu'],
    body: [p('快递丢件、商品质量问题理赔，请在购物App里联系官方客服，不要接陌生来电的“理赔”。'), tips('任何让你开启屏幕共享的，都是诈骗')]
  },
  {
    title: '征信不能“修复”，也不用“注销学生账户”',
    fraudTypes: ['zhengxin'],
    body: [p('个人征信只能通过中国人民银行征信中心查询，任何人都无法“修复”。所谓“注销校园贷账户”是骗局。'), tips('查征信请到人民银行或银行网点')]
  },
  {
    title: '买卖游戏装备只走官方平台',
    fraudTypes: ['youxi'],
    body: [p('低价卖号、卖装备，让你到陌生网站交易，随后说“账户冻结”要交钱，是网络游戏虚假交易诈骗。'), tips('家长要提醒孩子不私下交易')]
  },
  {
    title: '网恋对象带你投资，一定是骗局',
    fraudTypes: ['shazhupan', 'touzi'],
    body: [p('“杀猪盘”骗子先谈感情，再说自己有投资渠道。只要网恋对象谈钱，就要警惕。'), tips('从不视频见面的网友，不要相信')]
  },
  {
    title: '“领导”微信要转账，先打电话核实',
    fraudTypes: ['lingdao'],
    body: [p('骗子用领导、熟人的头像和名字加你好友，说急用钱。转账前一定打电话或当面核实。'), tips('不要只凭头像和名字判断身份')]
  },
  {
    title: '价格低得离谱的商品不要买',
    fraudTypes: ['gouwu'],
    body: [p('超低价手机、名牌包、演唱会门票，要求私下转账，多半收钱不发货。'), tips('网购只在正规平台下单、付款')]
  },
  {
    title: '免费领鸡蛋的讲座别去',
    fraudTypes: ['yanglao'],
    body: [p('以免费礼品吸引老人听讲座，推销高价保健品或“养老投资”，是养老诈骗常见手法。'), tips('大额支出先和子女商量')]
  },
  {
    title: '验证码就是钱袋子的钥匙',
    fraudTypes: ['kefu', 'daikuan'],
    body: [p('银行、客服、公安都不会向你索要短信验证码。谁要验证码，谁就是骗子。'), tips('验证码不告诉任何人')]
  },
  {
    title: '陌生链接不点，陌生App不装',
    fraudTypes: ['shuadan', 'daikuan'],
    body: [p('短信、聊天里的陌生链接和App，可能是诈骗平台或木马。'), tips('App只从手机自带的应用商店下载')]
  },
  {
    title: '屏幕共享会让骗子看到你的一切',
    fraudTypes: ['kefu', 'zhengxin'],
    body: [p('开启屏幕共享后，骗子能看到你输入的密码和验证码。'), tips('陌生人让你共享屏幕，马上挂断')]
  },
  {
    title: '转账前多问一句：他是谁？',
    fraudTypes: ['lingdao', 'gongjianfa'],
    body: [p('不管对方说得多急，转账前停一停，打个电话给家人或拨打96110问一问。'), tips('急着让你转账的，多半是骗子')]
  },
  {
    title: '被骗了马上打110',
    fraudTypes: ['shuadan', 'touzi'],
    body: [p('发现被骗后要立即拨打110报警，越早报警，追回钱款的可能越大。'), tips('保留聊天记录、转账凭证')]
  },
  {
    title: '装好国家反诈中心App',
    fraudTypes: ['jingwai', 'kefu'],
    body: [p('“国家反诈中心”App可以识别诈骗电话、短信和App，发现风险会提醒你。'), tips('在应用商店搜索“国家反诈中心”下载')]
  },
  {
    title: '“+86”加95号码是改号诈骗',
    fraudTypes: ['jingwai', 'kefu'],
    body: [p('银行客服95开头号码不会显示成“+86 95…”。这样的来电是境外改号冒充。'), tips('挂断后拨打银行卡背面的客服电话核实')]
  },
  {
    title: '投资群里的“老师”不是你的老师',
    fraudTypes: ['touzi'],
    body: [p('投资群里“老师”荐股、群友晒收益，都是骗子安排好的“托”。'), tips('被拉进陌生投资群，马上退出')]
  },
  {
    title: '游戏充值送福利？小心被骗',
    fraudTypes: ['youxi'],
    body: [p('“充值返利”“免费领皮肤”的链接，可能让孩子用家长手机转账。'), tips('家长手机支付要设密码')]
  },
  {
    title: '“以房养老”先问清楚',
    fraudTypes: ['yanglao', 'touzi'],
    body: [p('有人让老人抵押房产去“投资养老项目”，最后房子和钱都没了。'), tips('涉及房产的事，先问子女和律师')]
  },
  {
    title: '网购退款不用“备用金”',
    fraudTypes: ['kefu', 'gouwu'],
    body: [p('退款会原路退回，不需要你在借贷App里借“备用金”再转给“客服”。'), tips('让你借钱退款的，都是诈骗')]
  },
  {
    title: '拿不准就打96110',
    fraudTypes: ['jingwai', 'gongjianfa', 'shuadan'],
    body: [p('96110是全国反诈劝阻专线，接到可疑电话、已经转账或拿不准时，都可以打。'), tips('把96110存进手机通讯录')]
  }
].map((t, i) => ({ ...t, source: '宁陕县反诈中心', publishedOn: new Date(Date.UTC(2026, 10, 29 - i)).toISOString().slice(0, 10) }))

export const DEMO_VIDEOS = [
  {
    file: 'video-00-calls',
    title: '00开头的来电，是境外打来的',
    fraudType: 'jingwai',
    summary: '“00”或“+”开头的来电是境外来电。对方自称公安、客服或熟人时，先挂断；拿不准就拨打96110。'
  },
  {
    file: 'video-shuadan',
    title: '刷单返利：先给甜头再骗大钱',
    fraudType: 'shuadan',
    summary: '刷单兼职先返小额佣金，再让你垫付大额订单。凡是先垫钱的兼职都是诈骗，已经转账要立即报警。'
  },
  {
    file: 'video-gongjianfa',
    title: '公检法不会电话办案',
    fraudType: 'gongjianfa',
    summary: '公检法不会通过电话办案，没有“安全账户”，不要保密转账。到派出所当面核实，或拨打96110。'
  }
]

export const DEMO_MEDIA_DIR = path.resolve(import.meta.dirname, '..', '..', 'data', 'media')

/** The fraud-type catalogue, loaded once when the table is empty (it is county data, not demo data). */
export async function seedFraudTypes(db: Kysely<DB>): Promise<number> {
  const repo = createLearnRepository(db)
  if ((await repo.fraudTypes()).length > 0) return 0
  for (const [i, t] of FRAUD_TYPES.entries()) await repo.upsertFraudType(t.code, t, i)
  return FRAUD_TYPES.length
}

/** Demo tips (published) and the three demo videos, stored through the media storage like any upload. */
export async function seedLearning(db: Kysely<DB>, storage: MediaStorage): Promise<{ tips: number; videos: number }> {
  await seedFraudTypes(db)
  const repo = createLearnRepository(db)
  const media = createMediaRepository(db)
  const service = new LearnService(repo, media)
  for (const tip of DEMO_TIPS) await service.setTipStatus((await service.createTip(tip)).id, 'published')
  for (const v of DEMO_VIDEOS) {
    const video = await storage.put(createReadStream(path.join(DEMO_MEDIA_DIR, `${v.file}.mp4`)), ['video'], 30 * 1024 * 1024)
    const cover = await storage.put(createReadStream(path.join(DEMO_MEDIA_DIR, `${v.file}.jpg`)), ['image'], 2 * 1024 * 1024)
    const duration = mp4Duration(video.head)
    await media.add({ name: video.name, contentType: video.sniffed.contentType, size: video.size, durationSeconds: duration })
    await media.add({ name: cover.name, contentType: cover.sniffed.contentType, size: cover.size, durationSeconds: null })
    // Captions written for the demo clips (our own text, as the summaries), shown under each video by default.
    const captions = await storage.put(createReadStream(path.join(DEMO_MEDIA_DIR, `${v.file}.vtt`)), ['captions'], 64 * 1024)
    await media.add({ name: captions.name, contentType: captions.sniffed.contentType, size: captions.size, durationSeconds: null })
    const created = await service.createVideo({
      title: v.title,
      fraudType: v.fraudType,
      summary: v.summary,
      file: video.name,
      cover: cover.name,
      captions: captions.name
    })
    await service.setVideoStatus(created.id, 'published')
  }
  return { tips: DEMO_TIPS.length, videos: DEMO_VIDEOS.length }
}
