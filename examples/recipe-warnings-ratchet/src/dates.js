/** Formats a date as YYYY-MM-DD. */
export function formatDate(date) {
  return date.toISOString().slice(0, 10)
}

/** The old name, still called by half the code base. */
export function oldFormat(date) {
  process.emitWarning('oldFormat() is deprecated; use formatDate()', 'DeprecationWarning', 'DEP_OLDFORMAT')
  return formatDate(date)
}
