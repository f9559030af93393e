import type { SenderCategory } from '../types/senders'

/**
 * The senders residents are fooled by, with their official domains and service numbers. Public facts (each bank's,
 * carrier's and office's own site and hotline). The centre extends and corrects this list in the console
 * (官方发送方); these rows are the first start's content and the fallback for a store without the table yet.
 *
 * aliases: how a message names the sender (【签名】 and the words people use); tokens: ASCII pieces phishing
 * domains borrow (icbc-jf.top, 10086-jf.cc); numbers: the service lines a genuine message may give.
 */
export interface SenderSeed {
  id: string
  name: string
  category: SenderCategory
  aliases: string[]
  domains: string[]
  numbers: string[]
  tokens: string[]
}

export const DEFAULT_SENDERS: SenderSeed[] = [
  // National banks
  {
    id: 'icbc',
    name: '中国工商银行',
    category: 'bank',
    aliases: ['中国工商银行', '工商银行', '工行'],
    domains: ['icbc.com.cn', 'icbc.cn'],
    numbers: ['95588'],
    tokens: ['icbc', 'gonghang', '95588']
  },
  {
    id: 'ccb',
    name: '中国建设银行',
    category: 'bank',
    aliases: ['中国建设银行', '建设银行', '建行'],
    domains: ['ccb.com', 'ccb.cn'],
    numbers: ['95533'],
    tokens: ['ccb', 'jianhang', '95533']
  },
  {
    id: 'abc',
    name: '中国农业银行',
    category: 'bank',
    aliases: ['中国农业银行', '农业银行', '农行'],
    domains: ['abchina.com', 'abchina.com.cn'],
    numbers: ['95599'],
    tokens: ['abchina', 'abc', 'nonghang', '95599']
  },
  {
    id: 'boc',
    name: '中国银行',
    category: 'bank',
    aliases: ['中国银行', '中行'],
    domains: ['boc.cn', 'bankofchina.com'],
    numbers: ['95566'],
    tokens: ['boc', 'bankofchina', '95566']
  },
  {
    id: 'bocom',
    name: '交通银行',
    category: 'bank',
    aliases: ['交通银行', '交行'],
    domains: ['bankcomm.com'],
    numbers: ['95559'],
    tokens: ['bankcomm', 'bocom', '95559']
  },
  {
    id: 'psbc',
    name: '中国邮政储蓄银行',
    category: 'bank',
    aliases: ['中国邮政储蓄银行', '邮政储蓄银行', '邮储银行'],
    domains: ['psbc.com'],
    numbers: ['95580'],
    tokens: ['psbc', '95580']
  },
  {
    id: 'cmb',
    name: '招商银行',
    category: 'bank',
    aliases: ['招商银行', '招行'],
    domains: ['cmbchina.com'],
    numbers: ['95555'],
    tokens: ['cmbchina', 'cmb', '95555']
  },
  {
    id: 'citic',
    name: '中信银行',
    category: 'bank',
    aliases: ['中信银行'],
    domains: ['citicbank.com'],
    numbers: ['95558'],
    tokens: ['citicbank', 'citic', '95558']
  },
  { id: 'spdb', name: '浦发银行', category: 'bank', aliases: ['浦发银行'], domains: ['spdb.com.cn'], numbers: ['95528'], tokens: ['spdb', '95528'] },
  { id: 'cmbc', name: '中国民生银行', category: 'bank', aliases: ['民生银行'], domains: ['cmbc.com.cn'], numbers: ['95568'], tokens: ['cmbc', '95568'] },
  { id: 'cib', name: '兴业银行', category: 'bank', aliases: ['兴业银行'], domains: ['cib.com.cn'], numbers: ['95561'], tokens: ['cib', '95561'] },
  { id: 'ceb', name: '中国光大银行', category: 'bank', aliases: ['光大银行'], domains: ['cebbank.com'], numbers: ['95595'], tokens: ['cebbank', '95595'] },
  {
    id: 'pingan',
    name: '平安银行',
    category: 'bank',
    aliases: ['平安银行', '中国平安'],
    domains: ['pingan.com', 'pingan.com.cn'],
    numbers: ['95511'],
    tokens: ['pingan', '95511']
  },
  {
    id: 'rcc',
    name: '农村信用社',
    category: 'bank',
    aliases: ['农村信用社', '信用社', '农商银行', '陕西信合'],
    domains: ['sxnxs.com'],
    numbers: ['96262'],
    tokens: ['sxnxs', 'nongxin', '96262']
  },
  // Payment and shopping platforms
  {
    id: 'alipay',
    name: '支付宝',
    category: 'payment',
    aliases: ['支付宝'],
    domains: ['alipay.com', 'alipay.cn'],
    numbers: ['95188'],
    tokens: ['alipay', 'zhifubao', '95188']
  },
  {
    id: 'wechatpay',
    name: '微信支付',
    category: 'payment',
    aliases: ['微信支付', '财付通'],
    domains: ['tenpay.com', 'weixin.qq.com', 'qq.com', 'wechat.com'],
    numbers: ['95017'],
    tokens: ['tenpay', 'wechatpay', 'weixinpay', '95017']
  },
  {
    id: 'unionpay',
    name: '中国银联',
    category: 'payment',
    aliases: ['中国银联', '银联', '云闪付'],
    domains: ['unionpay.com', '95516.com'],
    numbers: ['95516'],
    tokens: ['unionpay', 'yinlian', '95516']
  },
  {
    id: 'taobao',
    name: '淘宝',
    category: 'ecommerce',
    aliases: ['淘宝', '天猫'],
    domains: ['taobao.com', 'tmall.com', 'tb.cn'],
    numbers: ['9510211'],
    tokens: ['taobao', 'tmall']
  },
  {
    id: 'jd',
    name: '京东',
    category: 'ecommerce',
    aliases: ['京东'],
    domains: ['jd.com', 'jdl.com', '3.cn'],
    numbers: ['950618', '950616'],
    tokens: ['jd', 'jingdong', '950618']
  },
  {
    id: 'pdd',
    name: '拼多多',
    category: 'ecommerce',
    aliases: ['拼多多'],
    domains: ['pinduoduo.com', 'yangkeduo.com'],
    numbers: [],
    tokens: ['pinduoduo', 'pdd', 'yangkeduo']
  },
  {
    id: 'douyin',
    name: '抖音',
    category: 'ecommerce',
    aliases: ['抖音'],
    domains: ['douyin.com', 'iesdouyin.com'],
    numbers: ['95152'],
    tokens: ['douyin', 'dy']
  },
  // Carriers
  {
    id: 'cmcc',
    name: '中国移动',
    category: 'carrier',
    aliases: ['中国移动', '移动公司'],
    domains: ['10086.cn'],
    numbers: ['10086'],
    tokens: ['10086', 'chinamobile', 'cmcc', 'yidong']
  },
  {
    id: 'unicom',
    name: '中国联通',
    category: 'carrier',
    aliases: ['中国联通', '联通公司'],
    domains: ['10010.com', 'chinaunicom.com', 'chinaunicom.cn'],
    numbers: ['10010'],
    tokens: ['10010', 'chinaunicom', 'unicom', 'liantong']
  },
  {
    id: 'telecom',
    name: '中国电信',
    category: 'carrier',
    aliases: ['中国电信', '电信公司'],
    domains: ['189.cn', 'chinatelecom.com.cn'],
    numbers: ['10000'],
    tokens: ['10000', '189', 'chinatelecom', 'dianxin']
  },
  { id: 'cbn', name: '中国广电', category: 'carrier', aliases: ['中国广电'], domains: ['10099.com.cn'], numbers: ['10099'], tokens: ['10099'] },
  // Post and couriers
  {
    id: 'chinapost',
    name: '中国邮政',
    category: 'courier',
    aliases: ['中国邮政', '邮政EMS', 'EMS'],
    domains: ['chinapost.com.cn', 'ems.com.cn', '11183.com.cn'],
    numbers: ['11183', '11185'],
    tokens: ['ems', 'chinapost', 'youzheng', '11183']
  },
  {
    id: 'sf',
    name: '顺丰速运',
    category: 'courier',
    aliases: ['顺丰速运', '顺丰快递', '顺丰'],
    domains: ['sf-express.com', 'sf.com'],
    numbers: ['95338'],
    tokens: ['sf', 'sfexpress', 'shunfeng', '95338']
  },
  {
    id: 'zto',
    name: '中通快递',
    category: 'courier',
    aliases: ['中通快递', '中通'],
    domains: ['zto.com'],
    numbers: ['95311'],
    tokens: ['zto', 'zhongtong', '95311']
  },
  {
    id: 'yto',
    name: '圆通速递',
    category: 'courier',
    aliases: ['圆通速递', '圆通快递', '圆通'],
    domains: ['yto.net.cn'],
    numbers: ['95554'],
    tokens: ['yto', 'yuantong', '95554']
  },
  {
    id: 'yunda',
    name: '韵达快递',
    category: 'courier',
    aliases: ['韵达快递', '韵达'],
    domains: ['yundaex.com'],
    numbers: ['95546'],
    tokens: ['yunda', 'yundaex', '95546']
  },
  {
    id: 'sto',
    name: '申通快递',
    category: 'courier',
    aliases: ['申通快递', '申通'],
    domains: ['sto.cn'],
    numbers: ['95543'],
    tokens: ['sto', 'shentong', '95543']
  },
  { id: 'cainiao', name: '菜鸟驿站', category: 'courier', aliases: ['菜鸟驿站', '菜鸟'], domains: ['cainiao.com'], numbers: [], tokens: ['cainiao'] },
  {
    id: 'jtexpress',
    name: '极兔速递',
    category: 'courier',
    aliases: ['极兔速递', '极兔'],
    domains: ['jtexpress.com.cn'],
    numbers: ['956025'],
    tokens: ['jtexpress', 'jitu']
  },
  // Travel and roads
  {
    id: 'rail12306',
    name: '中国铁路12306',
    category: 'transport',
    aliases: ['铁路12306', '中国铁路', '12306'],
    domains: ['12306.cn'],
    numbers: ['12306'],
    tokens: ['12306']
  },
  {
    id: 'etc',
    name: 'ETC服务',
    category: 'transport',
    aliases: ['ETC', 'ETC服务', '高速ETC', 'ETC中心'],
    domains: ['mot.gov.cn'],
    numbers: ['12328', '95022'],
    tokens: ['etc']
  },
  // Government
  {
    id: 'mohrss',
    name: '人力资源和社会保障部门（社保）',
    category: 'government',
    aliases: ['社保局', '人社局', '社保中心', '人力资源和社会保障局', '电子社保卡'],
    domains: ['mohrss.gov.cn'],
    numbers: ['12333'],
    tokens: ['shebao', '12333', 'mohrss']
  },
  {
    id: 'nhsa',
    name: '医疗保障部门（医保）',
    category: 'government',
    aliases: ['医保局', '医保中心', '医疗保障局'],
    domains: ['nhsa.gov.cn'],
    numbers: ['12393'],
    tokens: ['yibao', 'nhsa', '12393']
  },
  {
    id: 'tax',
    name: '税务部门',
    category: 'government',
    aliases: ['国家税务总局', '税务局', '个人所得税'],
    domains: ['chinatax.gov.cn'],
    numbers: ['12366'],
    tokens: ['chinatax', 'shuiwu', '12366']
  },
  {
    id: 'antifraud',
    name: '国家反诈中心',
    category: 'police',
    aliases: ['国家反诈中心', '反诈中心', '全国反诈'],
    domains: ['mps.gov.cn'],
    numbers: ['96110', '12381'],
    tokens: ['96110', 'fanzha']
  },
  {
    id: 'police',
    name: '公安机关',
    category: 'police',
    aliases: ['公安局', '派出所', '公安机关', '刑侦大队', '经侦大队'],
    domains: ['mps.gov.cn'],
    numbers: ['110', '96110'],
    tokens: ['gongan', 'jingcha', 'police']
  },
  {
    id: 'court',
    name: '法院、检察院',
    category: 'police',
    aliases: ['人民法院', '检察院', '最高人民检察院', '最高人民法院'],
    domains: ['court.gov.cn', 'spp.gov.cn'],
    numbers: ['12368', '12309'],
    tokens: ['court', 'fayuan', 'jianchayuan']
  },
  // The county's own offices (demo county; made-up hotlines, see README "Demo data")
  {
    id: 'county-police',
    name: '宁陕县公安局',
    category: 'county',
    aliases: ['宁陕县公安局', '宁陕县反诈中心', '宁陕公安'],
    domains: ['ningshan.gov.cn'],
    numbers: ['09156821110'],
    tokens: ['ningshan']
  },
  {
    id: 'county-gov',
    name: '宁陕县人民政府',
    category: 'county',
    aliases: ['宁陕县人民政府', '宁陕县政府', '宁陕县人社局', '宁陕县医保局'],
    domains: ['ningshan.gov.cn'],
    numbers: ['12345'],
    tokens: ['ningshan']
  }
]

/**
 * The senders every county shares (what the schema starts with): the phone's offline registry until its copy of the
 * lists brings the centre's own (the demo county's offices are seeded by the demo data, not built in).
 */
export const NATIONAL_SENDERS: readonly SenderSeed[] = DEFAULT_SENDERS.filter((s) => s.category !== 'county')
