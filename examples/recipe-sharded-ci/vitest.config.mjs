import { readFileSync } from 'node:fs'
import steadfast from 'steadfast/vitest'
import { defineConfig } from 'vitest/config'

// One options file for both runners and for the merge commands, which read steadfast.config.json.
const options = JSON.parse(readFileSync(new URL('./steadfast.config.json', import.meta.url), 'utf8'))

export default defineConfig({
  plugins: [steadfast(options)],
  // Globals, so the same test files run under Jest too.
  test: { globals: true, include: ['test/**/*.test.js'] },
})
