import { Type, type Static } from '@sinclair/typebox'

/** GET /admin/search: one phone number (or its last 4 digits) across what the role may see; numbers masked. */
export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 4, maxLength: 40, description: 'A mobile number typed any way, or its last 4 digits' })
  },
  { additionalProperties: false }
)
export type SearchQuery = Static<typeof SearchQuery>

const NullableString = Type.Union([Type.String(), Type.Null()])
export const SearchResult = Type.Object(
  {
    query: Type.String({ description: 'What was searched, masked when it was a full number' }),
    warnings: Type.Union(
      [
        Type.Array(
          Type.Object({
            id: Type.String(),
            phoneMasked: Type.String(),
            riskType: Type.String(),
            status: Type.String(),
            receivedAt: Type.String(),
            townshipName: NullableString
          })
        ),
        Type.Null()
      ],
      { description: 'null: not for this role' }
    ),
    residents: Type.Union(
      [
        Type.Array(
          Type.Object({
            name: Type.String({ description: 'Masked' }),
            phoneMasked: Type.String(),
            townshipName: NullableString,
            villageName: NullableString,
            registeredAt: NullableString
          })
        ),
        Type.Null()
      ],
      { description: 'Full numbers only; officers: their township' }
    ),
    reports: Type.Union([Type.Array(Type.Object({ value: Type.String(), status: Type.String(), count: Type.Integer(), lastAt: Type.String() })), Type.Null()]),
    blocklist: Type.Union([Type.Array(Type.Object({ id: Type.String(), value: Type.String(), category: Type.String(), status: Type.String() })), Type.Null()])
  },
  { $id: 'SearchResult' }
)
export type SearchResult = Static<typeof SearchResult>
