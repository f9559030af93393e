import { Type, type SchemaOptions, type Static } from '@sinclair/typebox'
// Plain values live in grid-wording: import them from there (the app does, without pulling in TypeBox).
import { PUBLICITY_KINDS, PUBLICITY_PHOTOS_MAX } from './grid-wording'

/**
 * Village grid workers (网格员): residents the centre appoints for one or more villages. In the app they see their
 * villages' coverage (no names), register elders (代登记), log publicity sessions and the visits they are asked to
 * accompany. See docs/family.md.
 */

const literals = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options
  )
const DateTime = Type.String({ format: 'date-time' })
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$' })
const NamedArea = Type.Object({ code: Type.String(), name: Type.String() })

// ---- the console ----

export const GridWorker = Type.Object({
  id: Type.String({ description: 'The appointment' }),
  residentId: Type.String(),
  name: Type.String({ description: 'In full: the centre appointed them' }),
  phone: Type.String({ description: 'Masked' }),
  township: NamedArea,
  village: NamedArea,
  appointedAt: DateTime,
  appointedBy: Type.String(),
  sessions: Type.Integer({ description: 'Publicity sessions logged in this village' }),
  peopleReached: Type.Integer()
})
export type GridWorker = Static<typeof GridWorker>
export const GridWorkerList = Type.Object({ items: Type.Array(GridWorker) }, { $id: 'GridWorkerList' })
export type GridWorkerList = Static<typeof GridWorkerList>

export const AppointGridWorkerRequest = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 40, description: "The registered resident's phone" }),
    villageCodes: Type.Array(AreaCode, { minItems: 1, maxItems: 20, uniqueItems: true })
  },
  { additionalProperties: false }
)
export type AppointGridWorkerRequest = Static<typeof AppointGridWorkerRequest>

export const PublicityFiguresQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    townshipCode: Type.Optional(AreaCode)
  },
  { additionalProperties: false }
)
export type PublicityFiguresQuery = Static<typeof PublicityFiguresQuery>

export const PublicityFigures = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    totals: Type.Object({ sessions: Type.Integer(), people: Type.Integer() }),
    byKind: Type.Array(Type.Object({ kind: literals(PUBLICITY_KINDS), sessions: Type.Integer(), people: Type.Integer() })),
    /** One row per township and month that had a session (months as YYYY-MM, China time). */
    byTownshipMonth: Type.Array(
      Type.Object({ townshipCode: Type.String(), townshipName: Type.String(), month: Type.String(), sessions: Type.Integer(), people: Type.Integer() })
    )
  },
  { $id: 'PublicityFigures' }
)
export type PublicityFigures = Static<typeof PublicityFigures>

/** What every view of a publicity session shows. */
const SessionFields = {
  id: Type.String(),
  kind: literals(PUBLICITY_KINDS),
  heldOn: IsoDate,
  village: NamedArea,
  people: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()])
}

/** A session as the centre reviews it: who held it (a grid worker they appointed), where, and its photos. */
export const ConsoleSession = Type.Object({
  ...SessionFields,
  township: NamedArea,
  gridWorker: Type.String(),
  photos: Type.Array(Type.String({ description: 'Photo ids: GET /admin/publicity-photos/{id}' }))
})
export type ConsoleSession = Static<typeof ConsoleSession>
export const ConsoleSessionList = Type.Object({ items: Type.Array(ConsoleSession) }, { $id: 'ConsoleSessionList' })
export type ConsoleSessionList = Static<typeof ConsoleSessionList>

export const AccompanyRequest = Type.Object(
  {
    residentId: Type.String({ pattern: '^[0-9]{1,18}$', description: "A grid worker of the visit's village" }),
    note: Type.Optional(Type.String({ maxLength: 200, description: 'What to tell them (time, where to meet); never the evidence' }))
  },
  { additionalProperties: false }
)
export type AccompanyRequest = Static<typeof AccompanyRequest>

// ---- the grid worker's workbench ----

export const GridVillage = Type.Object({
  code: Type.String(),
  name: Type.String(),
  townshipName: Type.String(),
  registered16to60: Type.Integer(),
  population16to60: Type.Integer(),
  ratio: Type.Number(),
  proxyRegistered: Type.Integer({ description: 'Residents registered for them (代登记), any age' })
})
export type GridVillage = Static<typeof GridVillage>

/** A visit the station asked the grid worker to accompany: that it exists and where, nothing of the warning. */
export const GridVisit = Type.Object({
  id: Type.String(),
  village: Type.String(),
  dueAt: DateTime,
  done: Type.Boolean(),
  note: Type.Union([Type.String(), Type.Null()]),
  requestedAt: DateTime
})
export type GridVisit = Static<typeof GridVisit>

/** A grid worker's own session, as the workbench lists it. */
export const PublicitySession = Type.Object({ ...SessionFields, photos: Type.Integer() })
export type PublicitySession = Static<typeof PublicitySession>

export const GridWorkbench = Type.Object(
  {
    asOf: IsoDate,
    villages: Type.Array(GridVillage),
    visits: Type.Array(GridVisit),
    sessions: Type.Array(PublicitySession)
  },
  { $id: 'GridWorkbench' }
)
export type GridWorkbench = Static<typeof GridWorkbench>

export const NewPublicitySession = Type.Object(
  {
    kind: literals(PUBLICITY_KINDS),
    heldOn: IsoDate,
    villageCode: AreaCode,
    people: Type.Integer({ minimum: 1, maximum: 100_000 }),
    note: Type.Optional(Type.String({ maxLength: 300 })),
    photos: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{16,40}$' }), {
        maxItems: PUBLICITY_PHOTOS_MAX,
        uniqueItems: true,
        description: 'Ids from POST /me/grid/photos'
      })
    )
  },
  { additionalProperties: false }
)
export type NewPublicitySession = Static<typeof NewPublicitySession>

export const PhotoReceipt = Type.Object({ id: Type.String(), contentType: Type.String(), size: Type.Integer() }, { $id: 'PhotoReceipt' })
export type PhotoReceipt = Static<typeof PhotoReceipt>
