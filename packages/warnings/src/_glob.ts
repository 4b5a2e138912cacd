import { createRequire } from 'node:module'
import { sibling } from './_here.js'

type Picomatch = typeof import('picomatch')

let loaded: Picomatch | undefined

/**
 * picomatch, loaded on the first glob (an `origin` rule, a per-file budget): loading it costs
 * every Vitest test file ≈ 7–14 ms, and most configurations have no glob.
 */
export function picomatch(...args: Parameters<Picomatch>): ReturnType<Picomatch> {
  loaded ??= createRequire(sibling('_glob.js'))('picomatch') as Picomatch
  return loaded(...args)
}
