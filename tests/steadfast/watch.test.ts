// Watch mode, where developers live: each run and rerun gets its own summary with its own counts,
// and nothing adds up across reruns.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createProject, runnerInfo, VITEST_RUNNERS } from '../harness/index.js'
import { watchOneEdit } from './_watch.js'

const FILE = (n: number): string => `import { test } from 'vitest'
test('culprit', async () => {
  Promise.reject(new Error('boom-${n}'))
  await new Promise((resolve) => setTimeout(resolve, 30))
})
test('warns', () => {
  for (let i = 0; i < 5000; i++) process.emitWarning('the widget flag is deprecated', 'DeprecationWarning', 'DEP_WIDGET')
})
`
const OVERVIEW = /Steadfast \(Vitest\): /g

describe.concurrent.each(VITEST_RUNNERS)('steadfast/vitest --watch in %s', (runner) => {
  test('a summary after the run and after the rerun, each with its own counts', async () => {
    const info = runnerInfo(runner)
    const dir = await createProject({
      runner,
      files: {
        'vitest.config.mjs': `import steadfast from 'steadfast/vitest'\nexport default { plugins: [steadfast()] }\n`,
        'a.test.js': FILE(1),
      },
    })
    // All asserted here is on stdout, Vitest's RERUN line too: one pipe keeps its order.
    const { stdout: output } = await watchOneEdit(info, dir, ['--watch'], OVERVIEW, () =>
      writeFileSync(join(dir, 'a.test.js'), FILE(2)),
    )
    const runs = output.split(/RERUN/)
    expect(runs.length, output).toBe(2)
    for (const [n, run] of runs.entries()) {
      expect(run, output).toContain('@steadfast/rejections: 1 unhandled error in 1 place')
      expect(run, output).toContain(`Error: boom-${n + 1}  (at a.test.js:3)`)
      expect(run, output).toMatch(/@steadfast\/warnings: 5000 warnings of 1 kind from 1 file/)
      expect(run, output).toMatch(/Steadfast \(Vitest\): a part failed the run; 1 test failed in all/)
    }
    expect(runs[1], output).not.toContain('boom-1')
    expect((output.match(OVERVIEW) ?? []).length, output).toBe(2)
  }, 60_000)
})
