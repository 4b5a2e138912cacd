// The code under test: an FNV-1a checksum of bytes, and a document kept as chunks so that an edit
// re-hashes only the chunk it changed.

/** FNV-1a over `bytes` (a Uint8Array), as an unsigned 32-bit number. */
function checksum(bytes) {
  let hash = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i]
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A document as chunks of bytes, each with its checksum. */
function chunked(chunks) {
  return chunks.map((bytes) => ({ bytes, sum: checksum(bytes) }))
}

/** The document with chunk `index` replaced: only that chunk is hashed again. */
function editChunk(doc, index, bytes) {
  return doc.map((chunk, i) => (i === index ? { bytes, sum: checksum(bytes) } : chunk))
}

module.exports = { checksum, chunked, editChunk }
