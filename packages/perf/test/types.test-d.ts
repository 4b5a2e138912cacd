// Type tests: run by the repository's type check (`tsc -p tsconfig.json`), never executed.
import { expect as jestExpect } from '@jest/globals'
import { expect } from 'vitest'
import type {} from '../src/jest.js'
import type {} from '../src/vitest.js'

const fast = (): number => 1
const slow = async (): Promise<number> => 2

export async function vitestTypes(): Promise<void> {
  await expect(fast).toRunFasterThan(slow)
  await expect(fast).toRunFasterThan(5, { margin: 0.1, rounds: 40, time: 20, name: 'parse' })
  await expect(fast).not.toRunFasterThan(slow, { factor: 0.5 })
  // @ts-expect-error an unknown option
  await expect(fast).toRunFasterThan(slow, { fator: 0.5 })
  // @ts-expect-error a string is neither a function nor a budget
  await expect(fast).toRunFasterThan('5 ms')
}

export async function jestTypes(): Promise<void> {
  await jestExpect(fast).toBeFasterThan(slow)
  await jestExpect(fast).not.toBeFasterThan(slow, { factor: 1.5 })
  await jestExpect(fast).toRunFasterThan(5)
  // @ts-expect-error an unknown option
  await jestExpect(fast).toBeFasterThan(slow, { fator: 0.5 })
}
