// Generated from the options schema by packages/steadfast/test/options-shapes.test.ts (`vitest -u`
// writes it again): what core checks options against without loading zod. Do not edit.
import type { Shape } from '@steadfast/core'

export const shape: Shape = {
  "kind": "object",
  "fields": {
    "mode": {
      "kind": "default",
      "inner": {
        "kind": "enum",
        "values": [
          "fail",
          "warn"
        ]
      },
      "value": "fail"
    },
    "ignore": {
      "kind": "default",
      "inner": {
        "kind": "array",
        "element": {
          "kind": "union",
          "options": [
            {
              "kind": "union",
              "options": [
                {
                  "kind": "string"
                },
                {
                  "kind": "regexp"
                }
              ]
            },
            {
              "kind": "object",
              "fields": {
                "message": {
                  "kind": "optional",
                  "inner": {
                    "kind": "union",
                    "options": [
                      {
                        "kind": "string"
                      },
                      {
                        "kind": "regexp"
                      }
                    ]
                  }
                },
                "name": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string"
                  }
                },
                "origin": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string"
                  }
                }
              },
              "unknownKeys": "strict",
              "requireOneOf": [
                "message",
                "name",
                "origin"
              ]
            }
          ]
        }
      },
      "value": []
    },
    "leaks": {
      "kind": "default",
      "inner": {
        "kind": "enum",
        "values": [
          "off",
          "warn",
          "fail"
        ]
      },
      "value": "warn"
    },
    "leakScope": {
      "kind": "default",
      "inner": {
        "kind": "enum",
        "values": [
          "test",
          "file"
        ]
      },
      "value": "test"
    },
    "hangTimeout": {
      "kind": "default",
      "inner": {
        "kind": "number",
        "int": true,
        "checks": [
          {
            "op": ">=",
            "value": 0
          }
        ]
      },
      "value": 3000
    },
    "dir": {
      "kind": "optional",
      "inner": {
        "kind": "string"
      }
    }
  },
  "unknownKeys": "strict"
}
