import { DEFAULT_SENDERS } from '../../../rules/senders-data.ts'
import type { Kysely } from 'kysely'
import { createFeedKeys } from '../warnings/feed-keys-repository.ts'
import { createStatsRepository, type CheckCountRow } from '../stats/repository.ts'
import type { DB } from '../db/schema.ts'
import { parsePhone } from '../values/phone.ts'
import { createListsRepository, type BlockRow } from '../lists/repository.ts'
import { createAreasRepository } from '../areas/repository.ts'
import { defaultAreas } from '../areas/service.ts'
import { AdminService } from '../admin/service.ts'
import { createAdminRepository } from '../admin/repository.ts'
import { createAuthRepository } from '../auth/repository.ts'
import { createResidentsRepository } from '../residents/repository.ts'
import { createGridRepository } from '../grid/repository.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { PRIVACY_POLICY_VERSION } from '../../../types/privacy.ts'
import { countyDay, DAY_MS } from '../../../types/county-day.ts'

/**
 * Demo data for `npm start` and the e2e tests. Every number here is made up for the demo; the fixed ones
 * are named in the README so a tester can try them.
 */
export const DEMO_BLOCKED: ReadonlyArray<{ number: string; category: string; note: string }> = [
  { number: '16500001111', category: '刷单返利', note: '演示：冒充电商招募刷单' },
  { number: '+855 23 900 111', category: '冒充公检法', note: '演示：境外冒充公安“洗钱案”' },
  { number: '0755-88886666', category: '冒充电商物流客服', note: '演示：快递丢件理赔' },
  { number: '13000001234', category: '虚假投资理财', note: '演示：荐股群“导师”' },
  { number: '400-600-1234', category: '虚假网络贷款', note: '演示：无抵押低息贷款' }
]

export const DEMO_VERIFIED: ReadonlyArray<{ number: string; label: string; category: string }> = [
  { number: '96110', label: '全国反诈劝阻专线 96110', category: '公安' },
  { number: '110', label: '报警电话 110', category: '公安' },
  { number: '0915-6822110', label: '宁陕县公安局值班室（演示号码）', category: '公安' },
  { number: '0915-6821234', label: '宁陕县反诈中心（演示号码）', category: '公安' },
  { number: '0915-6822345', label: '城关镇人民政府（演示号码）', category: '政府' },
  { number: '0915-6851234', label: '江口回族镇人民政府（演示号码）', category: '政府' },
  { number: '12345', label: '政务服务便民热线 12345', category: '政府' },
  { number: '12315', label: '市场监管投诉举报热线 12315', category: '政府' },
  { number: '95588', label: '中国工商银行客服 95588', category: '银行' },
  { number: '95533', label: '中国建设银行客服 95533', category: '银行' },
  { number: '95599', label: '中国农业银行客服 95599', category: '银行' },
  { number: '95566', label: '中国银行客服 95566', category: '银行' },
  { number: '95580', label: '中国邮政储蓄银行客服 95580', category: '银行' },
  { number: '95559', label: '交通银行客服 95559', category: '银行' },
  { number: '95555', label: '招商银行客服 95555', category: '银行' },
  { number: '96288', label: '陕西农村信用社客服 96288', category: '银行' },
  { number: '10086', label: '中国移动客服 10086', category: '通信' },
  { number: '10010', label: '中国联通客服 10010', category: '通信' },
  { number: '10000', label: '中国电信客服 10000', category: '通信' },
  { number: '95598', label: '国家电网客服 95598', category: '公共服务' }
]

export const DEMO_REPORTED: ReadonlyArray<{ number: string; reporters: number }> = [
  { number: '13700001234', reporters: 3 },
  { number: '18900005678', reporters: 1 }
]

export const FRAUD_CATEGORIES = [
  '刷单返利',
  '虚假投资理财',
  '虚假网络贷款',
  '冒充电商物流客服',
  '冒充公检法',
  '虚假征信',
  '网络游戏虚假交易',
  '网络婚恋交友',
  '冒充领导熟人',
  '境外来电',
  '虚假购物服务',
  '养老诈骗'
] as const

/** Deterministic PRNG (mulberry32) so every start generates the same demo blocklist. */
export function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Number shapes seen in fraud: virtual-operator and ordinary mobiles, foreign mobiles, other cities' landlines, 400s. */
export function generateFraudNumbers(count: number, seed = 20261129): Array<{ number: string; category: string }> {
  const rand = prng(seed)
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('')
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const shapes: Array<() => { number: string; category: string }> = [
    () => ({ number: pick(['170', '171', '162', '165', '167']) + digits(8), category: pick(FRAUD_CATEGORIES) }),
    () => ({
      number: pick(['130', '132', '135', '138', '150', '152', '157', '177', '180', '186', '188', '199']) + digits(8),
      category: pick(FRAUD_CATEGORIES)
    }),
    () => ({
      number: pick(['+855 12', '+855 97', '+95 9', '+63 917', '+60 12', '+852 5', '+886 9']) + digits(7),
      category: pick(['冒充公检法', '境外来电', '虚假投资理财', '网络婚恋交友'])
    }),
    () => ({
      number: pick(['020-', '0755-', '021-', '0898-', '0871-']) + pick(['3', '6', '8']) + digits(7),
      category: pick(['冒充电商物流客服', '虚假征信', '冒充公检法'])
    }),
    () => ({ number: '400' + digits(7), category: pick(['虚假网络贷款', '冒充电商物流客服', '虚假购物服务']) })
  ]
  return Array.from({ length: count }, () => pick(shapes)())
}

/** Canonical list key for a number, or null when it is not a number at all. */
/** Trusted domains for the URL check (look-alikes are measured against these). */
export const DEMO_VERIFIED_DOMAINS = [
  { domain: 'icbc.com.cn', label: '中国工商银行', category: '银行' },
  { domain: 'ccb.com', label: '中国建设银行', category: '银行' },
  { domain: 'abchina.com', label: '中国农业银行', category: '银行' },
  { domain: 'boc.cn', label: '中国银行', category: '银行' },
  { domain: 'psbc.com', label: '中国邮政储蓄银行', category: '银行' },
  { domain: 'bankcomm.com', label: '交通银行', category: '银行' },
  { domain: 'alipay.com', label: '支付宝', category: '支付' },
  { domain: 'tenpay.com', label: '微信支付', category: '支付' },
  { domain: '12306.cn', label: '中国铁路12306', category: '出行' },
  { domain: 'chsi.com.cn', label: '学信网', category: '教育' }
]

/** Demo blocked addresses and receiving accounts (made up; the README names them). */
export const DEMO_BLOCKED_URLS = [
  { value: 'icbc-vip-credit.example', category: '虚假征信' },
  { value: 'tz-huiying.example', category: '虚假投资理财' },
  { value: 'dianzan-fanli.example', category: '刷单返利' }
]
export const DEMO_BLOCKED_ACCOUNTS = [
  { value: '6222020200112233440', category: '刷单返利' },
  { value: 'wxid_shuadan888', category: '刷单返利' },
  { value: 'safe-account@example.com', category: '冒充公检法' }
]

export function phoneKey(number: string): string | null {
  const r = parsePhone(number)
  return r.ok ? r.facts.key : null
}

export async function seedDemoData(db: Kysely<DB>, blockCount = 1_200): Promise<{ blocked: number; verified: number; reported: number; areas: number }> {
  const areas = defaultAreas()
  await createAreasRepository(db).upsert(areas)
  const repo = createListsRepository(db)
  const rows = new Map<string, BlockRow>()
  for (const { number, category } of generateFraudNumbers(blockCount)) {
    const key = phoneKey(number)
    if (key) rows.set(key, { kind: 'phone', value: key, category, source: 'centre', note: null })
  }
  for (const { number, category, note } of DEMO_BLOCKED) {
    const key = phoneKey(number)
    if (key) rows.set(key, { kind: 'phone', value: key, category, source: 'centre', note })
  }
  const batch = [...rows.values()]
  for (let i = 0; i < batch.length; i += 1_000) await repo.upsertBlocklist(batch.slice(i, i + 1_000))
  await repo.upsertVerified(DEMO_VERIFIED.map((v) => ({ value: phoneKey(v.number) as string, label: v.label, category: v.category })))
  for (const r of DEMO_REPORTED) await repo.setReportTally('phone', phoneKey(r.number) as string, r.reporters)
  await repo.upsertBlocklist([
    ...DEMO_BLOCKED_URLS.map((u) => ({ kind: 'url' as const, value: u.value, category: u.category, source: 'centre' as const, note: '演示' })),
    ...DEMO_BLOCKED_ACCOUNTS.map((a) => ({ kind: 'account' as const, value: a.value, category: a.category, source: 'bank' as const, note: '演示' }))
  ])
  await repo.upsertVerifiedDomains(DEMO_VERIFIED_DOMAINS)
  // The demo county's own offices join the registry of official senders (the national ones come with the schema).
  for (const sender of DEFAULT_SENDERS.filter((x) => x.category === 'county')) await repo.upsertOfficialSender(sender)
  await repo.setReportTally('url', 'daikuan-kuai.example', 4)
  return { blocked: batch.length, verified: DEMO_VERIFIED.length, reported: DEMO_REPORTED.length, areas: areas.length }
}

/** Demo admin accounts (never created in production): the README names them. */
export const DEMO_ADMINS = [
  {
    username: 'admin',
    password: 'qiandai-demo-admin',
    role: 'admin',
    townshipCode: null,
    displayName: '陈国华',
    policeNumber: '060001',
    unit: '县公安局反诈中心'
  },
  { username: 'editor', password: 'qiandai-demo-editor', role: 'editor', townshipCode: null },
  { username: 'reviewer', password: 'qiandai-demo-reviewer', role: 'reviewer', townshipCode: null },
  {
    username: 'officer-chengguan',
    password: 'qiandai-demo-officer',
    role: 'officer',
    townshipCode: '610923100',
    displayName: '王志强',
    policeNumber: '062345',
    unit: '城关派出所'
  },
  {
    username: 'operator',
    password: 'qiandai-demo-operator',
    role: 'operator',
    townshipCode: null,
    displayName: '李建军',
    policeNumber: '061234',
    unit: '县公安局反诈中心'
  }
] as const

const DEMO_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'
const DEMO_GIVEN = ['秀兰', '建国', '桂英', '志强', '玉梅', '国华', '红霞', '海燕', '明', '军', '芳', '静', '伟', '丽', '强']

/**
 * Demo accounts: the admin users above and `residents` registered residents spread over the villages with
 * ages 16–75 (some outside the 16–60 cohort), so the coverage report shows real figures. Deterministic.
 */
export async function seedDemoAccounts(
  db: Kysely<DB>,
  cipher: FieldCipher,
  jwtSecret: Uint8Array,
  residents = 240
): Promise<{ admins: number; residents: number }> {
  const admins = new AdminService(createAdminRepository(db), jwtSecret)
  for (const a of DEMO_ADMINS) await admins.create({ ...a }, undefined, { publishedDemoPassword: true })
  const villages = (await createAreasRepository(db).all()).filter((a) => a.parentCode !== null)
  const auth = createAuthRepository(db)
  const repo = createResidentsRepository(db)
  const today = new Date()
  for (let i = 0; i < residents; i++) {
    // Demo phones in the 199 0000 xxxx range (not handed out to anyone real in this demo's world).
    const phone = `1990000${String(i).padStart(4, '0')}`
    const village = villages[(i * 7) % villages.length]
    const age = 16 + ((i * 13) % 60)
    const birth = new Date(Date.UTC(today.getUTCFullYear() - age - 1, (i * 5) % 12, 1 + ((i * 11) % 28)))
    const { id } = await auth.residentForPhone({ index: cipher.blindIndex(phone), enc: cipher.encrypt(phone) })
    await repo.register(
      id,
      {
        nameEnc: cipher.encrypt(DEMO_SURNAMES[i % DEMO_SURNAMES.length] + DEMO_GIVEN[i % DEMO_GIVEN.length]),
        birthDate: birth.toISOString().slice(0, 10),
        townshipCode: village.parentCode as string,
        villageCode: village.code,
        consentVersion: PRIVACY_POLICY_VERSION,
        idNumber: null
      },
      new Date(today.getTime() - ((i * 37) % 90) * 86_400_000)
    )
  }
  // The demo city platform's feed key (a published value: development only, like the demo passwords).
  await createFeedKeys(db).create('demo-city-platform', 'city', DEMO_FEED_KEY)
  await seedDemoGridWorkers(db, cipher, Math.min(4, residents))
  return { admins: DEMO_ADMINS.length, residents }
}

/**
 * The first demo residents (phones 199 0000 0000 …) are grid workers of their own villages, with a few publicity
 * sessions over the last three months, so the workbench and the dashboard's figures show something.
 */
async function seedDemoGridWorkers(db: Kysely<DB>, cipher: FieldCipher, count: number): Promise<void> {
  const grid = createGridRepository(db)
  const chief = await db.selectFrom('admins').select('id').where('username', '=', DEMO_ADMINS[0].username).executeTakeFirstOrThrow()
  const kinds = ['courtyard', 'door_to_door', 'first_lesson', 'campus', 'other'] as const
  const now = new Date()
  for (let i = 0; i < count; i++) {
    const phone = `1990000${String(i).padStart(4, '0')}`
    const resident = await grid.registeredByPhoneIndex(cipher.blindIndex(phone))
    const home = resident
      ? await db.selectFrom('residents').select(['township_code', 'village_code']).where('id', '=', resident.id).executeTakeFirst()
      : undefined
    if (!resident || !home?.village_code || !home.township_code) continue
    await grid.appoint(resident.id, [home.village_code], String(chief.id), now)
    for (let k = 0; k < 3; k++) {
      const heldOn = new Date(now.getTime() - (7 + k * 30 + i * 3) * 86_400_000).toISOString().slice(0, 10)
      await grid.addSession(
        {
          residentId: resident.id,
          kind: kinds[(i + k) % kinds.length] as (typeof kinds)[number],
          heldOn,
          townshipCode: home.township_code,
          villageCode: home.village_code,
          people: 20 + ((i * 17 + k * 11) % 60),
          note: null,
          photos: []
        },
        now
      )
    }
  }
}

/** Outside production: `curl -H "Authorization: Bearer $KEY" -H 'content-type: application/x-ndjson' …/api/v1/feeds/warnings`. */
export const DEMO_FEED_KEY = 'qdf_demo-city-platform-not-for-production'

/** Ninety days of check counts for the dashboard, the shape real use gives: mostly numbers, few 高危. */
export async function seedDemoCheckCounts(db: Kysely<DB>, now = new Date()): Promise<number> {
  const rows: CheckCountRow[] = []
  const mix = [
    ['phone', 'unknown', 40],
    ['phone', 'suspicious', 12],
    ['phone', 'dangerous', 5],
    ['phone', 'safe', 6],
    ['url', 'unknown', 6],
    ['url', 'dangerous', 2],
    ['url', 'safe', 3],
    ['account', 'unknown', 4],
    ['account', 'dangerous', 1]
  ] as const
  for (let d = 1; d <= 90; d++) {
    const day = countyDay(now.getTime() - d * DAY_MS)
    for (const [j, [kind, verdict, base]] of mix.entries()) {
      const count = Math.round(base * (0.6 + ((d * 7 + j * 13) % 10) / 10))
      if (count > 0) rows.push({ day, kind, verdict, count })
    }
  }
  await createStatsRepository(db).addCheckCounts(rows)
  return rows.reduce((s, r) => s + r.count, 0)
}
