#!/usr/bin/env node
// Draws the README's picture of the end-of-run report from a real run: runs the showcase's Vitest
// suite, takes what Steadfast printed at the end (each part's details, then the overview), and
// writes it as a terminal-like SVG to docs/img/end-of-run.svg. Run it after the report changes:
//   node scripts/report-picture.mjs
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const project = join(root, 'examples', 'showcase-vitest')
const out = join(root, 'docs', 'img', 'end-of-run.svg')
const WIDTH = 150

const run = spawnSync(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
  cwd: project,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '' },
})
rmSync(join(project, '.steadfast'), { recursive: true, force: true })
const output = `${run.stdout}\n${run.stderr}`
const start = output.indexOf('@steadfast/rejections: ')
const title = output.indexOf('Steadfast (Vitest): ')
const end = output.indexOf('\n──', title)
if (start === -1 || title === -1 || end === -1) {
  console.error(`No end-of-run report in the showcase's output (exit ${run.status}):\n${output}`)
  process.exit(1)
}

// The long lines of a real run (temp folders, this checkout's path) are shortened to fit.
const lines = output
  .slice(start, output.indexOf('\n', end + 1))
  .replaceAll(`${project}/`, '')
  .replace(/\/tmp\/jobs-\w+/g, '/tmp/jobs-…')
  .split('\n')
  .map((line) => line.replace(/─{20,}/, '─'.repeat(WIDTH)))
  .map((line) => (line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line))

const escapeXml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
const COLOURS = { '✗': '#ff6b6b', '!': '#ffc857', '✓': '#5fd38d', '?': '#9aa5b1' }

/** One line as SVG text: the overview's marks and the parts' headlines coloured, the rest plain. */
function row(line, y) {
  const mark = /^ {2}([✓!✗?]) (\w+)( +)(.*)$/.exec(line)
  if (mark) {
    const [, sign, part, gap, rest] = mark
    return `<text y="${y}"><tspan fill="${COLOURS[sign]}">  ${sign} ${escapeXml(part)}</tspan>${gap}${escapeXml(rest)}</text>`
  }
  const bold = /^(@steadfast\/\w+:|Steadfast \()/.test(line)
  return `<text y="${y}"${bold ? ' font-weight="bold" fill="#ffffff"' : ''}>${escapeXml(line)}</text>`
}

const LINE = 17
const CHAR = 7.25
const width = Math.ceil(WIDTH * CHAR + 40)
const height = lines.length * LINE + 56
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Steadfast's end-of-run report of the showcase's Vitest run">
<rect width="100%" height="100%" rx="8" fill="#1e2127"/>
<circle cx="20" cy="16" r="5" fill="#ff5f56"/><circle cx="38" cy="16" r="5" fill="#ffbd2e"/><circle cx="56" cy="16" r="5" fill="#27c93f"/>
<text x="${width / 2}" y="20" fill="#9aa5b1" font-family="ui-monospace,Menlo,Consolas,monospace" font-size="12" text-anchor="middle">npx vitest run   (examples/showcase-vitest)</text>
<g transform="translate(20 46)" fill="#d7dae0" font-family="ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace" font-size="12" xml:space="preserve">
${lines.map((line, i) => row(line, i * LINE)).join('\n')}
</g>
</svg>
`
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, svg)
console.log(`Wrote ${out} (${lines.length} lines of the report)`)
