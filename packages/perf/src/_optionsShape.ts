// Generated from the options schema by packages/steadfast/test/options-shapes.test.ts (`vitest -u`
// writes it again): what core checks options against without loading zod. Do not edit.
import type { Shape } from '@steadfast/core'

export const shape: Shape = {
  "kind": "object",
  "fields": {
    "strict": {
      "kind": "default",
      "inner": {
        "kind": "boolean"
      },
      "value": false
    },
    "margin": {
      "kind": "optional",
      "inner": {
        "kind": "number",
        "checks": [
          {
            "op": ">=",
            "value": 0
          },
          {
            "op": "<",
            "value": 1
          }
        ]
      }
    },
    "rounds": {
      "kind": "optional",
      "inner": {
        "kind": "number",
        "int": true,
        "checks": [
          {
            "op": ">=",
            "value": 10
          }
        ]
      }
    },
    "time": {
      "kind": "optional",
      "inner": {
        "kind": "number",
        "checks": [
          {
            "op": ">",
            "value": 0
          }
        ]
      }
    },
    "machineFactor": {
      "kind": "optional",
      "inner": {
        "kind": "number",
        "checks": [
          {
            "op": ">",
            "value": 0
          }
        ]
      }
    },
    "dir": {
      "kind": "optional",
      "inner": {
        "kind": "string"
      }
    },
    "html": {
      "kind": "default",
      "inner": {
        "kind": "boolean"
      },
      "value": true
    },
    "bencher": {
      "kind": "default",
      "inner": {
        "kind": "boolean"
      },
      "value": true
    }
  },
  "unknownKeys": "strict"
}
