const { checksum, chunked, editChunk } = require('../src/checksum.js')

const bytes = (text) => new TextEncoder().encode(text)

test('the checksum of some bytes is stable and tells them apart', () => {
  expect(checksum(bytes('hello'))).toBe(checksum(bytes('hello')))
  expect(checksum(bytes('hello'))).not.toBe(checksum(bytes('hellp')))
})

test('an edit changes the checksum of its chunk only', () => {
  const doc = chunked([bytes('a'), bytes('b'), bytes('c')])
  const edited = editChunk(doc, 1, bytes('B'))
  expect(edited.map((chunk, i) => chunk.sum === doc[i].sum)).toEqual([true, false, true])
})
