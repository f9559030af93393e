import type { ColumnType, Generated } from 'kysely'
import type { Verdict } from '../../../types/check.ts'
import type { CheckKind, ValueKind } from '../../../types/kinds.ts'

// Table types (Kysely). Only repositories use them; services get domain types.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface BlocklistEntryTable {
  id: Generated<string>
  kind: ValueKind
  value: string
  category: string
  source: 'centre' | 'city' | 'bank' | 'report' | 'import'
  note: string | null
  status: ColumnType<'active' | 'appealed' | 'removed', string | undefined, string>
  expires_at: Date | null
  created_at: Timestamp
  updated_at: Timestamp
  change_seq: Generated<string>
}

export interface VerifiedNumberTable {
  id: Generated<string>
  value: string
  label: string
  category: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ReportTallyTable {
  kind: ValueKind
  value: string
  reporters: number
  updated_at: Timestamp
}

export interface CheckHistoryTable {
  id: Generated<string>
  resident_id: string
  kind: ValueKind
  input: string
  normalized: string
  verdict: string
  checked_at: Timestamp
}

export interface ResidentTable {
  id: Generated<string>
  openid: string | null
  created_at: Timestamp
  last_login_at: Timestamp
  phone_enc: string | null
  phone_index: string | null
  phone_verified_at: Date | null
  name_enc: string | null
  /** A DATE column: the pg driver is set to return it as 'YYYY-MM-DD' text (db/database.ts). */
  birth_date: string | null
  township_code: string | null
  village_code: string | null
  id_number_enc: string | null
  id_number_masked: string | null
  id_number_index: string | null
  consent_version: string | null
  consent_at: Date | null
  registered_at: Date | null
  deleted_at: Date | null
  /** How the registration came about: by the resident, or for them (代登记) by family or a grid worker. */
  registered_via: 'self' | 'family' | 'grid' | null
  registered_by: string | null
  taken_over_at: Date | null
}

export interface SmsCodeTable {
  id: Generated<string>
  phone_index: string
  client_index: string
  code_hash: string
  attempts: ColumnType<number, number | undefined, number>
  expires_at: Date
  consumed_at: Date | null
  created_at: Date
}

export interface SmsCaptchaTable {
  id: string
  answer_hash: string
  expires_at: Date
  used_at: Date | null
}

export interface AdminTable {
  id: Generated<string>
  username: string
  password_hash: string
  role: 'admin' | 'editor' | 'reviewer' | 'officer' | 'operator'
  township_code: string | null
  /** What a resident checks a caller against (核验民警). */
  display_name: string | null
  police_number: string | null
  unit: string | null
  created_at: Timestamp
  last_login_at: Date | null
  disabled_at: Date | null
  /** Carried in the admin token; raised by a password reset or a disable, which ends older sessions. */
  token_version: ColumnType<number, number | undefined, number>
  /** Consecutive failed sign-ins; a success or an unlock clears it. */
  failed_logins: ColumnType<number, number | undefined, number>
  /** Sign-ins refused until then (too many failures in a row). */
  locked_until: Date | null
  /** Set when an admin chose the password (a new account, a reset): everything but 修改密码 waits for a new one. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>
}

export interface CheckCountTable {
  /** China day (Asia/Shanghai), returned as 'YYYY-MM-DD' text. */
  day: string
  kind: CheckKind
  verdict: Verdict
  count: ColumnType<string, number, number>
}

export interface RefreshTokenTable {
  id: Generated<string>
  resident_id: string
  family: string
  token_hash: string
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
  created_at: Timestamp
}

export interface AreaTable {
  code: string
  name: string
  parent_code: string | null
  population_16_60: number
  updated_at: Timestamp
}

export interface BulletinTable {
  id: Generated<string>
  year: number | null
  issue_no: number | null
  title: string
  summary_short: string
  summary: string
  period_start: string
  period_end: string
  body: ColumnType<unknown, string, string>
  tags: ColumnType<string[], string[] | undefined, string[]>
  hotline: ColumnType<string, string | undefined, string>
  audience: string[] | null
  severity: 'routine' | 'urgent'
  status: ColumnType<
    'draft' | 'scheduled' | 'published' | 'withdrawn',
    'draft' | 'scheduled' | 'published' | 'withdrawn' | undefined,
    'draft' | 'scheduled' | 'published' | 'withdrawn'
  >
  scheduled_at: Date | null
  published_at: Date | null
  withdrawn_at: Date | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface BulletinCounterTable {
  year: number
  last_issue: number
}

export interface SubscriptionTable {
  resident_id: string
  template_id: string
  credits: ColumnType<number, number | undefined, number>
  long_term: ColumnType<boolean, boolean | undefined, boolean>
  last_result: string | null
  updated_at: Timestamp
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'in_app' | 'failed' | 'unknown'

/** The columns every outbox queue shares (server/src/outbox, migration 024). */
export interface OutboxColumns {
  channel: ColumnType<'wechat' | 'sms', 'wechat' | 'sms' | undefined, 'wechat' | 'sms'>
  reason: string | null
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  claimed_by: string | null
  claimed_at: Date | null
  finished_at: Date | null
}

export interface DeliveryTable extends OutboxColumns {
  id: Generated<string>
  bulletin_id: string
  resident_id: string
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>
}

export interface BulletinReadTable {
  bulletin_id: string
  resident_id: string
  read_at: Timestamp
}

export interface FraudTypeTable {
  code: string
  name: string
  description: string
  signs: string[]
  sort: ColumnType<number, number | undefined, number>
  updated_at: Timestamp
}

export interface TipTable {
  id: Generated<string>
  title: string
  fraud_types: string[]
  body: ColumnType<unknown, string, string>
  source: string
  published_on: string
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>
  search_text: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MediaTable {
  name: string
  content_type: string
  size: ColumnType<string, number, number>
  duration_seconds: ColumnType<string | null, number | null, number | null>
  created_at: Timestamp
}

export interface VideoTable {
  id: Generated<string>
  title: string
  fraud_type: string
  duration_seconds: ColumnType<string, number, number>
  cover: string
  file: string
  /** A WebVTT file in media storage (migration 022). */
  captions: ColumnType<string | null, string | null | undefined, string | null>
  summary: string
  view_count: ColumnType<string, number | undefined, number>
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>
  published_at: Date | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface VideoProgressTable {
  resident_id: string
  video_id: string
  position_seconds: ColumnType<string, number, number>
  completed: ColumnType<boolean, boolean | undefined, boolean>
  updated_at: Timestamp
}

export interface TipLearnedTable {
  resident_id: string
  tip_id: string
  learned_at: Timestamp
}

export interface VerifiedDomainTable {
  domain: string
  label: string
  category: string
  updated_at: Timestamp
}

export interface OfficialSenderTable {
  id: string
  name: string
  category: string
  aliases: string[]
  domains: string[]
  numbers: string[]
  tokens: string[]
  updated_at: Timestamp
}

export type ReportStatus = 'submitted' | 'reviewing' | 'confirmed' | 'rejected'

export interface ReportTable {
  id: Generated<string>
  resident_id: string
  kind: CheckKind
  value: string
  input: string
  channel: string | null
  occurred_at: Date | null
  loss_amount: number | null
  description: string | null
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>
  outcome: string | null
  /** The value the report is reviewed under: its own, or the one a reviewer merged it into. */
  group_value: string
  /** A message's parts as the check found them (kind, text, span, value, verdict); null for other kinds. */
  parts: ColumnType<unknown, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ReportScreenshotTable {
  id: string
  resident_id: string
  report_id: string | null
  content_type: string
  bytes: Buffer
  size: number
  created_at: Timestamp
}

export interface ReportNotificationTable extends OutboxColumns {
  id: Generated<string>
  report_id: string
  resident_id: string
  /** The decision the message tells of (confirmed / rejected). */
  decision: string
  status: ColumnType<
    'pending' | 'sending' | 'sent' | 'in_app' | 'failed' | 'unknown',
    'pending' | undefined,
    'pending' | 'sending' | 'sent' | 'in_app' | 'failed' | 'unknown'
  >
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<string>
  admin_id: string | null
  action: string
  target: string
  before: ColumnType<unknown, string | null, string | null>
  after: ColumnType<unknown, string | null, string | null>
  at: Timestamp
}

export interface AppealTable {
  id: Generated<string>
  kind: ValueKind
  value: string
  contact_enc: string
  reason: string
  status: ColumnType<'open' | 'removed' | 'kept', 'open' | 'removed' | 'kept' | undefined, 'open' | 'removed' | 'kept'>
  decision: string | null
  decided_by: string | null
  decided_at: Date | null
  created_at: Timestamp
}

export interface FeedKeyTable {
  id: Generated<string>
  name: string
  source: 'city' | 'bank'
  key_hash: string
  prefix: string
  created_at: Timestamp
  last_used_at: Date | null
  revoked_at: Date | null
}

export interface WarningTable {
  id: Generated<string>
  source: 'city' | 'bank' | 'county' | 'resident' | 'report'
  ref: string | null
  phone_enc: string
  phone_index: string
  phone_masked: string
  resident_id: string | null
  township_code: string | null
  village_code: string | null
  risk_type: 'call' | 'sms' | 'app' | 'site' | 'transfer' | 'help'
  risk_level: 'high' | 'medium'
  evidence: ColumnType<unknown, string | null, string | null>
  note: string | null
  received_at: Timestamp
  created_at: Timestamp
  created_by: string | null
  level: ColumnType<number, number | undefined, number>
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>
  answer: 'safe' | 'transferred' | 'call_me' | null
  answered_at: Date | null
  first_contact_at: Date | null
  outcome: 'acknowledged' | 'dissuaded' | 'defrauded' | 'wrong_number' | 'refused' | 'false_alarm' | null
  loss_amount: ColumnType<string | null, number | null | undefined, number | null>
  closed_at: Date | null
}

export interface WarningTaskTable {
  id: Generated<string>
  warning_id: string
  kind: 'call' | 'visit'
  township_code: string | null
  status: ColumnType<
    'open' | 'claimed' | 'done' | 'cancelled',
    'open' | 'claimed' | 'done' | 'cancelled' | undefined,
    'open' | 'claimed' | 'done' | 'cancelled'
  >
  created_at: Timestamp
  due_at: Timestamp
  next_try_at: Timestamp
  claimed_by: string | null
  claimed_at: Date | null
  code_enc: string | null
  overdue_at: Date | null
  done_at: Date | null
  accompany_resident_id: string | null
  accompany_note: string | null
  accompany_requested_at: Date | null
}

export interface WarningAttemptTable {
  id: Generated<string>
  task_id: string
  warning_id: string
  admin_id: string
  result: string
  amount: ColumnType<string | null, number | null | undefined, number | null>
  note: string | null
  at: Timestamp
}

export interface WarningEventTable {
  id: Generated<string>
  warning_id: string
  at: Timestamp
  type: string
  admin_id: string | null
  by_resident: ColumnType<boolean, boolean | undefined, boolean>
  detail: ColumnType<unknown, string | null | undefined, string | null>
}

export interface WarningTimerTable {
  id: Generated<string>
  warning_id: string
  kind: 'ack_timeout' | 'call_overdue' | 'visit_overdue'
  due_at: Timestamp
  fired_at: Date | null
  cancelled_at: Date | null
}

export interface WarningMessageTable extends OutboxColumns {
  id: Generated<string>
  warning_id: string
  status: ColumnType<'pending' | 'sending' | 'sent' | 'failed' | 'unknown', 'pending' | undefined, 'pending' | 'sending' | 'sent' | 'failed' | 'unknown'>
  created_at: Timestamp
}

export interface CallerCheckTable {
  id: Generated<string>
  resident_id: string
  genuine: boolean
  at: Timestamp
}

export interface CaseTable {
  id: Generated<string>
  case_no: string
  /** A DATE column, returned as 'YYYY-MM-DD' text. */
  filed_on: string
  township_code: string
  village_code: string | null
  fraud_type: string
  loss_amount: ColumnType<string, number | undefined, number>
  recovered_amount: ColumnType<string, number | undefined, number>
  warning_id: string | null
  created_at: Timestamp
}

export interface DB {
  blocklist_entries: BlocklistEntryTable
  verified_numbers: VerifiedNumberTable
  report_tallies: ReportTallyTable
  check_history: CheckHistoryTable
  residents: ResidentTable
  refresh_tokens: RefreshTokenTable
  areas: AreaTable
  sms_codes: SmsCodeTable
  sms_captchas: SmsCaptchaTable
  admins: AdminTable
  bulletins: BulletinTable
  bulletin_counters: BulletinCounterTable
  subscriptions: SubscriptionTable
  deliveries: DeliveryTable
  bulletin_reads: BulletinReadTable
  fraud_types: FraudTypeTable
  tips: TipTable
  media: MediaTable
  videos: VideoTable
  video_progress: VideoProgressTable
  tip_learned: TipLearnedTable
  verified_domains: VerifiedDomainTable
  official_senders: OfficialSenderTable
  reports: ReportTable
  report_screenshots: ReportScreenshotTable
  report_notifications: ReportNotificationTable
  audit_log: AuditLogTable
  appeals: AppealTable
  check_counts: CheckCountTable
  feed_keys: FeedKeyTable
  warnings: WarningTable
  warning_tasks: WarningTaskTable
  warning_attempts: WarningAttemptTable
  warning_events: WarningEventTable
  warning_timers: WarningTimerTable
  warning_messages: WarningMessageTable
  caller_checks: CallerCheckTable
  cases: CaseTable
  family_invites: FamilyInviteTable
  family_links: FamilyLinkTable
  guardian_alerts: GuardianAlertTable
  grid_workers: GridWorkerTable
  publicity_sessions: PublicitySessionTable
  publicity_photos: PublicityPhotoTable
}

export interface FamilyInviteTable {
  id: Generated<string>
  inviter_id: string
  inviter_role: 'guardian' | 'ward'
  relation: string | null
  code_hash: string
  created_at: Date
  expires_at: Date
  accepted_at: Date | null
  accepted_by: string | null
  cancelled_at: Date | null
}

export interface FamilyLinkTable {
  id: Generated<string>
  guardian_id: string
  ward_id: string
  relation: string | null
  via: 'invite' | 'proxy'
  created_at: Date
  removed_at: Date | null
  removed_by: string | null
}

export interface GuardianAlertTable extends OutboxColumns {
  id: Generated<string>
  warning_id: string
  guardian_id: string
  ward_id: string
  status: ColumnType<'pending' | 'sending' | 'sent' | 'failed' | 'unknown', 'pending' | undefined, 'pending' | 'sending' | 'sent' | 'failed' | 'unknown'>
  created_at: Date
  answer: 'contacted_safe' | null
  answered_at: Date | null
}

export interface GridWorkerTable {
  id: Generated<string>
  resident_id: string
  village_code: string
  appointed_by: string
  appointed_at: Date
  revoked_at: Date | null
  revoked_by: string | null
}

export interface PublicitySessionTable {
  id: Generated<string>
  resident_id: string
  kind: 'courtyard' | 'door_to_door' | 'first_lesson' | 'campus' | 'other'
  /** A DATE column, returned as 'YYYY-MM-DD' text. */
  held_on: string
  township_code: string
  village_code: string
  people: number
  note: string | null
  created_at: Date
}

export interface PublicityPhotoTable {
  id: string
  resident_id: string
  session_id: string | null
  content_type: string
  bytes: Buffer
  size: number
  created_at: Timestamp
}
