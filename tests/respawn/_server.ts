// The fixture programs the respawn tests run under a real runner, as file contents.

/**
 * A small HTTP server. `--port N` (required unless --no-listen). It records its pid, group and
 * start time in $PIDS_DIR (and those of every child it forks), so a test can check afterwards that
 * nothing of it survived. Flags:
 *   --exit-at-start     writes a line to stderr and exits 7 before listening
 *   --exit-at-start-once  the same, the first time only (a marker file beside $PIDS_DIR)
 *   --no-listen         never gets ready (for ready timeouts)
 *   --grandchildren     forks a child in its group and one that calls setsid (detached)
 *   --ignore-sigterm    survives SIGTERM (so teardown needs SIGKILL)
 * Routes: /health → 200 'ok' (503 once /sick was called), /crash → exits 3 without answering,
 * /hang → answers, then blocks its event loop for good, /sick → later health checks answer 503,
 * anything else → 200 with its pid.
 */
export const SERVER = `const http = require('node:http')
const fs = require('node:fs')
const path = require('node:path')
const { spawn } = require('node:child_process')

const args = process.argv.slice(2)
const flag = (name) => args.includes('--' + name)
const option = (name) => { const i = args.indexOf('--' + name); return i === -1 ? undefined : args[i + 1] }

function record(pid, role) {
  const dir = process.env.PIDS_DIR
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  fs.writeFileSync(path.join(dir, String(pid)), JSON.stringify({ pid, pgid: Number(fields[2]), start: Number(fields[19]), role }))
}

record(process.pid, 'server')
console.log('starting pid ' + process.pid)
if (flag('exit-at-start')) {
  console.error('boom: refusing to start (exit-at-start)')
  process.exit(7)
}
if (flag('exit-at-start-once')) {
  const marker = path.join(process.env.PIDS_DIR, '..', 'started-once')
  if (!fs.existsSync(marker)) {
    fs.writeFileSync(marker, '')
    console.error('boom: the first start fails')
    process.exit(7)
  }
}
if (flag('ignore-sigterm')) process.on('SIGTERM', () => console.log('ignoring SIGTERM'))
if (flag('grandchildren')) {
  const keepAlive = ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)']
  const inGroup = spawn(process.execPath, keepAlive, { stdio: 'ignore' })
  record(inGroup.pid, 'grandchild')
  // detached: true makes the child call setsid: it leaves our process group and session.
  const escaped = spawn(process.execPath, keepAlive, { stdio: 'ignore', detached: true })
  record(escaped.pid, 'setsid-grandchild')
}

let sick = false
const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.statusCode = sick ? 503 : 200
    return res.end(sick ? 'sick' : 'ok')
  }
  if (req.url === '/crash') {
    // Before answering: once the client sees its connection drop, the process is gone (or going).
    console.error('crashing on request')
    process.exit(3)
  }
  if (req.url === '/hang') {
    res.end('hanging')
    return setImmediate(() => { for (;;) {} })
  }
  if (req.url === '/sick') {
    sick = true
    return res.end('sick from now on')
  }
  res.end(String(process.pid))
})
if (!flag('no-listen')) {
  server.listen(Number(option('port')), '127.0.0.1', () => console.log('listening on ' + option('port')))
} else {
  setInterval(() => {}, 1000)
}
`
