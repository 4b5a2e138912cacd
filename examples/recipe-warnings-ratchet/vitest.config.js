import steadfast from 'steadfast/vitest'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    steadfast({
      // The ratchet reads the committed baseline, steadfast.warnings.json (the default path): a
      // kind of warning that is not in it fails the run. The budget caps the volume of the old ones.
      warnings: { budget: { maxTotal: 100 } },
    }),
  ],
})
