const { checksum } = require('../src/checksum.js')

// A document of 8 chunks of 16 KiB, filled at run time (the optimiser cannot fold it). The chunk is
// a view of the document's own bytes: the two differ in length only.
const DOCUMENT = new Uint8Array(8 * 16_384).map((_, i) => (i * 31) & 0xff)
const CHUNK = DOCUMENT.subarray(2 * 16_384, 3 * 16_384)

// An edit re-hashes one chunk in eight, an eighth of the work: the gate holds it to at least 4×
// faster than re-hashing the whole document. A strict gate measures longer: it has its own timeout.
test('re-hashing one edited chunk is at least 4× faster than the whole document', async () => {
  await expect(() => checksum(CHUNK)).toBeFasterThan(() => checksum(DOCUMENT), { factor: 0.25 })
}, 120_000)
