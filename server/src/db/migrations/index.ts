import type { Migration } from 'kysely'
import * as m001 from './001_lists.ts'
import * as m002 from './002_residents_auth.ts'
import * as m003 from './003_areas.ts'
import * as m004 from './004_resident_phone.ts'
import * as m005 from './005_registration.ts'
import * as m006 from './006_bulletins.ts'
import * as m007 from './007_learning.ts'
import * as m008 from './008_verified_domains.ts'
import * as m009 from './009_reports.ts'
import * as m010 from './010_appeals.ts'
import * as m011 from './011_blocklist_change_seq_index.ts'
import * as m012 from './012_report_screenshots_and_groups.ts'
import * as m013 from './013_report_notifications.ts'
import * as m014 from './014_console.ts'
import * as m015 from './015_warnings.ts'
import * as m016 from './016_warning_intake.ts'
import * as m017 from './017_family_and_grid.ts'
import * as m018 from './018_official_senders.ts'
import * as m019 from './019_message_reports.ts'
import * as m020 from './020_staff_login_guard.ts'
import * as m021 from './021_staff_first_password.ts'
import * as m022 from './022_video_captions.ts'
import * as m023 from './023_sms_captchas.ts'
import * as m024 from './024_outbox.ts'

/** Numbered migrations, applied in name order. Add new ones here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_lists': m001,
  '002_residents_auth': m002,
  '003_areas': m003,
  '004_resident_phone': m004,
  '005_registration': m005,
  '006_bulletins': m006,
  '007_learning': m007,
  '008_verified_domains': m008,
  '009_reports': m009,
  '010_appeals': m010,
  '011_blocklist_change_seq_index': m011,
  '012_report_screenshots_and_groups': m012,
  '013_report_notifications': m013,
  '014_console': m014,
  '015_warnings': m015,
  '016_warning_intake': m016,
  '017_family_and_grid': m017,
  '018_official_senders': m018,
  '019_message_reports': m019,
  '020_staff_login_guard': m020,
  '021_staff_first_password': m021,
  '022_video_captions': m022,
  '023_sms_captchas': m023,
  '024_outbox': m024
}
