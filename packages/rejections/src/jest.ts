// Jest: `setupFilesAfterEnv: ['@steadfast/rejections/jest']`. Runs in each test file's sandbox.
// Options come from steadfast.config.{json,cjs,mjs,js} and STEADFAST_REJECTIONS_* variables.
// The part's Jest runtime does the work, loaded once a worker outside the sandbox: through Jest's
// registry it, and all it imports, would be evaluated again for every test file.
import { join } from 'node:path'
import { codeDirOf, installJestRuntime } from '@steadfast/core/jest-host'

const sibling = (name: string): string => join(codeDirOf(new Error()), name)
installJestRuntime(globalThis, sibling('_jestFile.js'))
