import type { ColumnType, Generated } from 'kysely'

// Table types (Kysely). Only repositories use them; services get domain types.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface BlocklistEntryTable {
  id: Generated<string>
  kind: 'phone' | 'url' | 'account'
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
  kind: 'phone' | 'url' | 'account'
  value: string
  reporters: number
  updated_at: Timestamp
}

export interface CheckHistoryTable {
  id: Generated<string>
  resident_id: string
  kind: 'phone' | 'url' | 'account'
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

export interface DB {
  blocklist_entries: BlocklistEntryTable
  verified_numbers: VerifiedNumberTable
  report_tallies: ReportTallyTable
  check_history: CheckHistoryTable
  residents: ResidentTable
  refresh_tokens: RefreshTokenTable
  areas: AreaTable
}
