// Generated from the options schema by packages/steadfast/test/options-shapes.test.ts (`vitest -u`
// writes it again): what core checks options against without loading zod. Do not edit.
import type { Shape } from '@steadfast/core'

export const shape: Shape = {
  "kind": "object",
  "fields": {
    "dir": {
      "kind": "optional",
      "inner": {
        "kind": "string",
        "minLength": 1
      }
    }
  },
  "unknownKeys": "strict"
}
