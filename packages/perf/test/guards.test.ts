import { describe, expect, test } from 'vitest'
import { noWorkNote } from '../src/guards.js'

describe('the no-op guard', () => {
  test('notes an arm no slower than 1.5× an empty call, naming both timings and the fix', () => {
    expect(noWorkNote('the received function', 0.000_001_2, 0.000_001, 'toBeFasterThan')).toBe(
      'toBeFasterThan: the received function took 1.2 ns a call, no more than an empty function (1.0 ns): ' +
        'the optimiser probably removed its work, and the gate may compare nothing. Return the result of the ' +
        'work (the gate keeps returned values alive), or give it inputs the optimiser cannot fold into constants.',
    )
  })

  test('says nothing of an arm that costs 1.5× an empty call or more', () => {
    expect(noWorkNote('the received function', 0.000_001_5, 0.000_001, 'toBeFasterThan')).toBeUndefined()
    expect(noWorkNote('slow', 0.01, 0.000_001, 'toBeFasterThan')).toBeUndefined()
  })
})
