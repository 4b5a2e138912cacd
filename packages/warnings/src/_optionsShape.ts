// Generated from the options schema by packages/steadfast/test/options-shapes.test.ts (`vitest -u`
// writes it again): what core checks options against without loading zod. Do not edit.
import type { Shape } from '@steadfast/core'

export const shape: Shape = {
  "kind": "object",
  "fields": {
    "console": {
      "kind": "default",
      "inner": {
        "kind": "enum",
        "values": [
          "warn",
          "warn+error",
          "off"
        ]
      },
      "value": "warn"
    },
    "live": {
      "kind": "default",
      "inner": {
        "kind": "boolean"
      },
      "value": true
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
                  "kind": "string",
                  "minLength": 1
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
                        "kind": "string",
                        "minLength": 1
                      },
                      {
                        "kind": "regexp"
                      }
                    ]
                  }
                },
                "code": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                },
                "type": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                },
                "origin": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                }
              },
              "unknownKeys": "strict",
              "requireOneOf": [
                "message",
                "code",
                "type",
                "origin"
              ]
            }
          ]
        }
      },
      "value": []
    },
    "error": {
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
                  "kind": "string",
                  "minLength": 1
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
                        "kind": "string",
                        "minLength": 1
                      },
                      {
                        "kind": "regexp"
                      }
                    ]
                  }
                },
                "code": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                },
                "type": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                },
                "origin": {
                  "kind": "optional",
                  "inner": {
                    "kind": "string",
                    "minLength": 1
                  }
                }
              },
              "unknownKeys": "strict",
              "requireOneOf": [
                "message",
                "code",
                "type",
                "origin"
              ]
            }
          ]
        }
      },
      "value": []
    },
    "budget": {
      "kind": "default",
      "inner": {
        "kind": "object",
        "fields": {
          "maxTotal": {
            "kind": "optional",
            "inner": {
              "kind": "number",
              "int": true,
              "checks": [
                {
                  "op": ">=",
                  "value": 0
                }
              ]
            }
          },
          "maxPerKind": {
            "kind": "optional",
            "inner": {
              "kind": "number",
              "int": true,
              "checks": [
                {
                  "op": ">=",
                  "value": 0
                }
              ]
            }
          },
          "files": {
            "kind": "optional",
            "inner": {
              "kind": "record",
              "key": {
                "kind": "string",
                "minLength": 1
              },
              "value": {
                "kind": "number",
                "int": true,
                "checks": [
                  {
                    "op": ">=",
                    "value": 0
                  }
                ]
              }
            }
          }
        },
        "unknownKeys": "strict"
      },
      "value": {}
    },
    "baseline": {
      "kind": "default",
      "inner": {
        "kind": "union",
        "options": [
          {
            "kind": "string",
            "minLength": 1
          },
          {
            "kind": "literal",
            "values": [
              false
            ]
          }
        ]
      },
      "value": "steadfast.warnings.json"
    },
    "onNewKind": {
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
    "top": {
      "kind": "default",
      "inner": {
        "kind": "number",
        "int": true,
        "checks": [
          {
            "op": ">",
            "value": 0
          }
        ]
      },
      "value": 20
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
