import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ignoreMatcher } from '../src/_ignore.js'
import { userOrigin } from '../src/_origin.js'

const root = '/project'

function errorFrom(file: string, message = 'boom', name = 'Error'): Error {
  const error = new Error(message)
  error.name = name
  error.stack = `${name}: ${message}\n    at helper (/project/node_modules/lib/index.js:1:1)\n    at run (${file}:12:5)\n    at node:internal/process/task_queues:95:5`
  return error
}

describe('userOrigin', () => {
  test('is the first frame outside node_modules and Node itself', () => {
    expect(userOrigin(errorFrom('/project/src/db.ts').stack)).toEqual({
      file: '/project/src/db.ts',
      line: 12,
      column: 5,
    })
  })

  test('reads file URLs as paths', () => {
    const stack = 'Error: x\n    at file:///project/src/a.mjs:3:9'
    expect(userOrigin(stack)).toEqual({ file: '/project/src/a.mjs', line: 3, column: 9 })
  })

  test("is undefined when no frame is the user's", () => {
    expect(
      userOrigin('Error: x\n    at node:internal/timers:1:1\n    at /project/node_modules/a/b.js:1:1'),
    ).toBeUndefined()
  })
})

describe('ignore rules', () => {
  test.each([
    [
      'a substring of the message',
      ['ECONNRESET'],
      errorFrom(join(root, 'src/a.ts'), 'read ECONNRESET'),
      true,
    ],
    [
      'a RegExp on the message',
      [/^socket hang up$/],
      errorFrom(join(root, 'src/a.ts'), 'socket hang up'),
      true,
    ],
    ['the class name', [{ name: 'AbortError' }], errorFrom(join(root, 'src/a.ts'), 'x', 'AbortError'), true],
    ['an origin glob', [{ origin: 'src/legacy/**' }], errorFrom(join(root, 'src/legacy/old.ts')), true],
    ['an origin glob elsewhere', [{ origin: 'src/legacy/**' }], errorFrom(join(root, 'src/new.ts')), false],
    [
      'all fields of one rule at once',
      [{ name: 'TypeError', origin: 'src/**' }],
      errorFrom(join(root, 'src/a.ts')),
      false,
    ],
    ['a message that does not match', ['ECONNRESET'], errorFrom(join(root, 'src/a.ts'), 'EPIPE'), false],
  ])('match by %s', (_what, rules, error, ignored) => {
    expect(ignoreMatcher(rules, root)(error)).toBe(ignored)
  })

  test('values that are not errors are matched by their text', () => {
    expect(ignoreMatcher(['quota'], root)('quota exceeded')).toBe(true)
    expect(ignoreMatcher([{ name: 'string' }], root)('anything')).toBe(true)
  })
})
