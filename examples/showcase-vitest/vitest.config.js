import steadfast from 'steadfast/vitest'
import { defineConfig } from 'vitest/config'

// One line turns the whole suite on.
export default defineConfig({
  plugins: [steadfast()],
  test: { include: ['test/**/*.test.js'] },
})
