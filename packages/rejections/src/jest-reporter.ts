// Jest: `reporters: ['default', '@steadfast/rejections/jest-reporter']`. Runs in Jest's main
// process: clears what a previous run left, and prints the merged summary at the end.
import { appendStepSummary, readSharedConfig, runDirectory } from '@steadfast/core'
import { OPTIONS_ENV, serializeOptions } from './_optionsJson.js'
import { armHangReport } from './hang.js'
import { type RejectionsOptions, resolveRejectionsOptions } from './options.js'
import {
  clearWorkerArtifacts,
  formatSummary,
  markdownSummary,
  mergeArtifacts,
  writeMergedArtifact,
} from './report.js'

/** The Jest reporter of @steadfast/rejections. Its options, if given, are ignored in favour of steadfast.config.*. */
export default class RejectionsReporter {
  readonly #dir: string
  readonly #hangTimeout: number

  constructor(globalConfig: { rootDir?: string }) {
    const root = globalConfig.rootDir ?? process.cwd()
    const options = resolveRejectionsOptions(
      readSharedConfig(root, 'rejections') as RejectionsOptions | undefined,
    )
    this.#dir = runDirectory(root, options.dir)
    this.#hangTimeout = options.hangTimeout
    // Workers start after the reporters and inherit this: they take the options validated here
    // instead of loading the schema library again in every test file.
    process.env[OPTIONS_ENV] = serializeOptions(options)
  }

  onRunStart(): void {
    clearWorkerArtifacts(this.#dir)
  }

  onRunComplete(): void {
    const { records, leaks, corrupt } = mergeArtifacts(this.#dir)
    for (const bad of corrupt)
      console.warn(`[steadfast/rejections] skipped a corrupt artifact ${bad.file}: ${bad.reason}`)
    writeMergedArtifact(this.#dir, records, leaks)
    const summary = formatSummary(records, leaks)
    if (summary) console.log(`\n${summary}\n`)
    const markdown = markdownSummary(records)
    if (markdown) {
      const wrote = appendStepSummary(markdown)
      if (typeof wrote === 'string') console.warn(`[steadfast/rejections] ${wrote}`)
    }
    armHangReport(this.#hangTimeout, 'Jest')
  }

  getLastError(): Error | undefined {
    return undefined
  }
}
