import { appendFileSync } from 'node:fs'

/**
 * Appends Markdown to the GitHub Actions job summary when `$GITHUB_STEP_SUMMARY` is set.
 * Returns whether it wrote. A failure to write is returned as a reason, never thrown: a summary
 * must not fail a run.
 */
export function appendStepSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env,
): true | string | false {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  try {
    appendFileSync(file, `${markdown.trimEnd()}\n\n`)
    return true
  } catch (error) {
    return `could not append to GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}`
  }
}
