import { respondWith } from './mocks/taro'
import { decodeSnapshot, encodeDelta, encodeSnapshot, hash32, snapshotKey, snapshotMayContain } from '../rules/blocklist-snapshot'
import { loadBlocklistCopy, useBlocklistCopy } from '../src/stores/blocklist'

// The copy's file, in memory (the weapp and H5 files are platform code; this is what the store does with them).
let mockFile: ArrayBuffer | null = null
jest.mock('../src/platform/snapshot-file', () => ({
  readSnapshotFile: async () => mockFile,
  writeSnapshotFile: async (bytes: ArrayBuffer) => {
    mockFile = bytes
  }
}))

const RANGE = 1024 * 512
const slot = (value: string) => hash32(snapshotKey('phone', value)) % RANGE
const full = (values: string[], version: string) =>
  encodeSnapshot(Uint32Array.from(new Set(values.map(slot))).sort(), { version, builtAt: '2026-12-06T02:00:00.000Z', range: RANGE })

beforeEach(() => {
  mockFile = null
  useBlocklistCopy.setState({ version: null, builtAt: null, count: 0, askedAt: 0 })
})

test('the whole list first, then the changes since the version held, then 304: the copy stays current', async () => {
  const asked: string[] = []
  respondWith((url) => {
    asked.push(url)
    return { statusCode: 200, bytes: full(['+8616500000001', '+8616500000002'], '5.1.524288'), header: { 'x-snapshot-type': 'full' } }
  })
  await useBlocklistCopy.getState().refresh(1_000)
  expect(asked[0]).toMatch(/\/lists\/snapshot$/)
  expect(useBlocklistCopy.getState().version).toBe('5.1.524288')
  let copy = await loadBlocklistCopy()
  expect(copy && snapshotMayContain(copy, 'phone', '+8616500000001')).toBe(true)

  // Within six hours nothing is asked again; later, the changes since the version held.
  await useBlocklistCopy.getState().refresh(2_000)
  expect(asked).toHaveLength(1)
  respondWith((url) => {
    asked.push(url)
    const added = Uint32Array.from([slot('+8616500000003')])
    const removed = Uint32Array.from([slot('+8616500000001')])
    return {
      statusCode: 200,
      bytes: encodeDelta(added, removed, { from: '5.1.524288', version: '9.2.524288', builtAt: '2026-12-07T02:00:00.000Z', range: RANGE }),
      header: { 'x-snapshot-type': 'delta' }
    }
  })
  await useBlocklistCopy.getState().refresh(7 * 3600_000)
  expect(asked[1]).toMatch(/since=5\.1\.524288/)
  expect(useBlocklistCopy.getState().version).toBe('9.2.524288')
  copy = await loadBlocklistCopy()
  expect(copy?.header.version).toBe('9.2.524288')
  expect(copy && snapshotMayContain(copy, 'phone', '+8616500000003')).toBe(true)
  expect(copy && snapshotMayContain(copy, 'phone', '+8616500000001')).toBe(false)
  expect(copy && snapshotMayContain(copy, 'phone', '+8616500000002')).toBe(true)

  respondWith(() => ({ statusCode: 304, text: '' }))
  await useBlocklistCopy.getState().refresh(14 * 3600_000)
  expect(useBlocklistCopy.getState().version).toBe('9.2.524288')
})

test('no network keeps the copy and asks again next time; bytes that are no copy start over whole', async () => {
  mockFile = full(['+8616500000001'], '5.1.524288').buffer as ArrayBuffer
  useBlocklistCopy.setState({ version: '5.1.524288' })
  respondWith(() => 'network-error')
  await useBlocklistCopy.getState().refresh(1_000)
  expect(useBlocklistCopy.getState()).toMatchObject({ version: '5.1.524288', askedAt: 0 })
  expect(decodeSnapshot(new Uint8Array(mockFile)).header.version).toBe('5.1.524288')

  respondWith(() => ({ statusCode: 200, bytes: new Uint8Array([1, 2, 3]), header: { 'x-snapshot-type': 'full' } }))
  await useBlocklistCopy.getState().refresh(2_000)
  expect(useBlocklistCopy.getState().version).toBeNull()
})
