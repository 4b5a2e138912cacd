import { describe, expect, test } from 'vitest'
import { warningTemplate } from '../src/template.js'

describe('warningTemplate', () => {
  test.each([
    ['numbers', 'Item 42 of 1.5 is gone', 'Item <n> of <n> is gone'],
    ['negative numbers', 'offset -3 out of range', 'offset <n> out of range'],
    ['numbers inside words stay', 'DEP0005 utf8 v2 x86_64', 'DEP0005 utf8 v2 x86_64'],
    ['hex literals', 'handle 0xDEADbeef closed', 'handle <hex> closed'],
    ['hashes', 'commit 3f2a9c0d1e not found', 'commit <hex> not found'],
    ['words of hex letters stay', 'deadbeefcafe is a word here', 'deadbeefcafe is a word here'],
    ['UUIDs', 'user 550e8400-e29b-41d4-a716-446655440000 left', 'user <uuid> left'],
    ['absolute paths', 'cannot read /tmp/run-17/a.json now', 'cannot read <path> now'],
    ['file URLs', 'loaded file:///home/a/b.js twice', 'loaded <path> twice'],
    ['relative paths', 'see ./src/x.ts and ../lib/y.js', 'see <path> and <path>'],
    ['Windows paths', 'open C:\\a\\b.txt failed', 'open <path> failed'],
    ['single-quoted values', "option 'colour' is deprecated", "option '<str>' is deprecated"],
    ['double-quoted values', 'option "size" is deprecated', 'option "<str>" is deprecated'],
    ['backquoted values', 'use `foo()` instead', 'use `<str>` instead'],
    ['apostrophes are not quotes', "don't use 'x' now", "don't use '<str>' now"],
    ['"and/or" is not a path', 'pass a string and/or a number', 'pass a string and/or a number'],
    [
      'a MaxListeners warning',
      'Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit',
      'Possible EventEmitter memory leak detected. <n> foo listeners added to [EventEmitter]. MaxListeners is <n>. Use emitter.setMaxListeners() to increase limit',
    ],
    [
      'the Buffer() deprecation, unchanged',
      'Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
      'Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
    ],
  ])('normalises %s', (_what, message, template) => {
    expect(warningTemplate(message)).toBe(template)
  })

  test('gives one template for messages that differ only in what varies', () => {
    const a = warningTemplate("request 17 to '/api/a' took 120 ms (id 550e8400-e29b-41d4-a716-446655440000)")
    const b = warningTemplate("request 18 to '/api/b' took 95 ms (id 6ba7b810-9dad-11d1-80b4-00c04fd430c8)")
    expect(a).toBe(b)
  })

  test.each([
    ['digits kept in the template', ['use v2 now', 'use v3 now'], ['use v2 now', 'use v3 now']],
    [
      'a 0x prefix against other digits',
      ['at 0x5', 'at 1x5', 'at 0x5'],
      ['at <hex>', 'at <n>x5', 'at <hex>'],
    ],
    ['hex runs against numbers', ['id 1234567a', 'id 12345678'], ['id <hex>', 'id <n>']],
    [
      'repeats in a row',
      ['record 17 lost', 'record 42 lost', 'record 99 lost'],
      Array(3).fill('record <n> lost'),
    ],
  ])('never hands a cached template to a message it does not fit: %s', (_what, messages, templates) => {
    expect(messages.map(warningTemplate)).toEqual(templates)
  })

  test('keeps giving the same template once its cache has started over', () => {
    const first = warningTemplate('value 1 is odd')
    for (let i = 0; i < 5000; i++) warningTemplate(`filler ${i} a${i}b`)
    expect(warningTemplate('value 1 is odd')).toBe(first)
  })

  describe('cuts off what a message carries that is not the message', () => {
    const moment = (value: string, caller: string): string =>
      'Deprecation warning: value provided is not in a recognized RFC2822 or ISO format.\n' +
      `Arguments: \n[0] _isAMomentObject: true, _i: ${value}, _f: undefined\n` +
      'Error\n' +
      `    at createFromInputFallback (/app/node_modules/moment/moment.js:324:25)\n` +
      `    at ${caller} (/app/src/dates.js:12:5)\n` +
      '    at new Promise (<anonymous>)'

    test("moment's deprecation: its arguments and its stack, whatever their values", () => {
      const template = 'Deprecation warning: value provided is not in a recognized RFC2822 or ISO format.'
      expect(warningTemplate(moment('2016-13-45', 'parseLoose'))).toBe(template)
      expect(warningTemplate(moment('next tuesday', 'parseSpelled'))).toBe(template)
    })

    test.each([
      [
        'frames right after the message',
        'x is slow\n    at f (/a.js:1:2)\n    at g (/b.js:3:4)',
        'x is slow',
      ],
      ['a stack that is the whole message', 'TypeError: boom\n    at f (/a.js:1:2)', 'TypeError: boom'],
      [
        'the Error line that starts a stack',
        'x is old\nsee the docs\nError: here\n    at f (/a.js:1:2)',
        'x is old\nsee the docs',
      ],
      [
        'a line that is not a frame stays',
        'x is old\nat least <n> of them',
        'x is old\nat least <n> of them',
      ],
      [
        'a React component stack',
        'Warning: Each child in a list should have a unique "key" prop.\n    in li (at List.js:5)\n    in List (created by App)',
        'Warning: Each child in a list should have a unique "<str>" prop.',
      ],
      ['an indented line that is prose', 'x is old:\n  in short, use y', 'x is old:\n  in short, use y'],
    ])('%s', (_what, message, template) => {
      expect(warningTemplate(message)).toBe(template)
    })
  })
})
