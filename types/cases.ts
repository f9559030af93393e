import { Type, type Static } from '@sinclair/typebox'

/** The case register (立案): one row per fraud case filed, for the 无诈 figures. */
export const CaseInput = Type.Object(
  {
    caseNo: Type.String({
      minLength: 1,
      maxLength: 40,
      pattern: '^[\\x21-\\x7e\\u4e00-\\u9fff]+$',
      description: 'The case number (立案编号); a second row with it updates the first'
    }),
    filedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
    townshipCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
    villageCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
    fraudType: Type.String({ minLength: 1, maxLength: 32 }),
    lossAmount: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Yuan' }),
    recoveredAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000_000 })),
    warningId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'The warning that preceded it, when there was one' }))
  },
  { additionalProperties: false }
)
export type CaseInput = Static<typeof CaseInput>

export const CaseRecord = Type.Object(
  {
    id: Type.String(),
    caseNo: Type.String(),
    filedOn: Type.String(),
    townshipCode: Type.String(),
    townshipName: Type.Union([Type.String(), Type.Null()]),
    villageCode: Type.Union([Type.String(), Type.Null()]),
    villageName: Type.Union([Type.String(), Type.Null()]),
    fraudType: Type.String(),
    lossAmount: Type.Integer(),
    recoveredAmount: Type.Integer(),
    warningId: Type.Union([Type.String(), Type.Null()])
  },
  { $id: 'CaseRecord' }
)
export type CaseRecord = Static<typeof CaseRecord>

export const CaseList = Type.Object({ items: Type.Array(CaseRecord) }, { $id: 'CaseList' })
export type CaseList = Static<typeof CaseList>

export const PeriodQuery = Type.Object(
  {
    from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First day (China time), YYYY-MM-DD' }),
    to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day, inclusive' }),
    townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' }))
  },
  { additionalProperties: false }
)
export type PeriodQuery = Static<typeof PeriodQuery>

export const CaseImportRequest = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 2_000_000,
      description: 'case_no,filed_on,township_code,village_code,fraud_type,loss,recovered,warning_id (header optional)'
    })
  },
  { additionalProperties: false }
)
export type CaseImportRequest = Static<typeof CaseImportRequest>

export const CaseImportResult = Type.Object(
  {
    added: Type.Integer(),
    updated: Type.Integer(),
    rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }))
  },
  { $id: 'CaseImportResult' }
)
export type CaseImportResult = Static<typeof CaseImportResult>

const Count = Type.Integer({ minimum: 0 })
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'null when there is nothing to divide by' })

/** The 无诈 figures for a period (and township), as the county reports them. */
export const WarningFigures = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    warnings: Count,
    bySource: Type.Record(Type.String(), Count),
    byRiskType: Type.Record(Type.String(), Count),
    outcomes: Type.Record(Type.String(), Count),
    open: Count,
    reached: Type.Object(
      {
        level1: Share,
        level1Count: Count,
        level2: Share,
        level2Count: Count,
        level3: Share,
        level3Count: Count
      },
      { description: "Share of each level's tasks done within its time limit (level 1: a message delivered or an answer)" }
    ),
    medianMinutesToContact: Type.Union([Type.Number(), Type.Null()]),
    dissuasionRate: Share,
    lossAvoided: Type.Integer({ description: 'Yuan at stake in warnings that ended 劝阻成功' }),
    lossInWarnings: Type.Integer({ description: 'Yuan lost as recorded on warnings (已被骗 on a call or a visit), whether or not the warning has ended' }),
    cases: Type.Object({ count: Count, loss: Type.Integer(), recovered: Type.Integer(), lastYearCount: Count, lastYearLoss: Type.Integer() }),
    zeroCase: Type.Object({ townships: Count, townshipsTotal: Count, villages: Count, villagesTotal: Count }),
    byTownship: Type.Array(
      Type.Object({
        code: Type.Union([Type.String(), Type.Null()], {
          description: 'null: warnings with no township (an unregistered number the sender did not place); county figures only'
        }),
        name: Type.String(),
        warnings: Count,
        dissuaded: Count,
        defrauded: Count,
        cases: Count,
        loss: Type.Integer(),
        lastYearCases: Count
      })
    ),
    byDay: Type.Array(Type.Object({ day: Type.String(), warnings: Count, dissuaded: Count }))
  },
  { $id: 'WarningFigures' }
)
export type WarningFigures = Static<typeof WarningFigures>
