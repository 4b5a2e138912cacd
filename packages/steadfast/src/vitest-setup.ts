// @steadfast-build: esm-only
// The umbrella's one setup file in every Vitest worker (it takes the place of the parts' four).
// Vitest evaluates it again for every test file; the runtimes it imports from node_modules are
// loaded once per worker, and each registers that file's hooks in `installForFile`.
import { pathToFileURL } from 'node:url'
import { VITEST_RUNTIMES_ENV } from '@steadfast/core'
import * as vitest from 'vitest'

type Runtime = { installForFile(api: unknown): void }

const paths = JSON.parse(process.env[VITEST_RUNTIMES_ENV] ?? '[]') as string[]
// In order, each loaded before it is installed: the first part's hooks wrap the others'.
for (const path of paths) {
  const runtime = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as Runtime
  runtime.installForFile(vitest)
}
