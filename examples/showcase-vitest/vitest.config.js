import rejections from '@steadfast/rejections/vitest'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [rejections()],
  test: { include: ['test/**/*.test.js'] },
})
