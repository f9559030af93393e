import { userFiles } from './mocks/taro'
// The mini-program's own version, by its full name (jest otherwise resolves the H5 one, snapshot-file.h5.ts).
const { readSnapshotFile, writeSnapshotFile } = jest.requireActual<typeof import('../src/platform/snapshot-file')>('../src/platform/snapshot-file.ts')

beforeEach(() => userFiles.clear())

test("the mini-program keeps the blocklist's copy as one file in the user data area", async () => {
  expect(await readSnapshotFile()).toBeNull()
  const bytes = new Uint8Array([0x51, 0x44, 0x42, 0x4c, 1, 0]).buffer
  await writeSnapshotFile(bytes)
  expect([...userFiles.keys()]).toEqual(['wxfile://usr/blocklist-snapshot.bin'])
  const read = await readSnapshotFile()
  expect(read && Array.from(new Uint8Array(read))).toEqual([0x51, 0x44, 0x42, 0x4c, 1, 0])
})
