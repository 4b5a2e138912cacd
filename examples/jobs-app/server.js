#!/usr/bin/env node
// The jobs service: a JSON API over the file store of jobs.js, on node:http alone. The jobs run in
// a worker process it forks, so a slow job never holds up the API.
//
//   node server.js --port 3000 --store ./data
//
//   GET  /health            200 {status: 'ok', pid, worker} while the worker is connected, else 503
//   POST /jobs              {id, task, input} → 202 {id, status: 'queued'}
//   GET  /jobs/:id          {id, status: 'queued' | 'retrying'}, or the stored {id, status: 'done', result, attempt}
//   GET  /jobs/:id/events   server-sent events: the job's status now, then each change
const { fork } = require('node:child_process')
const { createServer } = require('node:http')
const { join } = require('node:path')
const { parseArgs } = require('node:util')
const { JobRunner } = require('./jobs.js')
const { TASKS } = require('./tasks.js')

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3000' }, store: { type: 'string', default: 'data' } },
})
// The server only reads the store; the worker writes to it.
const store = new JobRunner(values.store)
/** Jobs sent to the worker and not stored yet, by id. */
const pending = new Map()
/** Open event streams, by job id. */
const streams = new Map()

const worker = fork(join(__dirname, 'worker.js'), ['--store', values.store])
let workerConnected = true
worker.on('message', (message) => {
  if (message.type === 'ready') listen()
  if (message.type === 'done') pending.delete(message.id)
  if (message.type === 'failed')
    pending.set(message.id, { id: message.id, status: 'retrying', attempt: message.attempt })
  if (message.type !== 'ready') void publish(message.id)
})
worker.on('exit', (code, signal) => {
  workerConnected = false
  console.error(`worker ${worker.pid} exited (${signal ?? `exit code ${code}`})`)
  // Without a worker before it ever listened, it never will: fail at once rather than look slow.
  if (!server.listening) process.exit(1)
})

async function status(id) {
  const stored = await store.read(id)
  return stored ? { ...stored, status: 'done' } : pending.get(id)
}

async function publish(id) {
  const job = await status(id)
  for (const res of streams.get(id) ?? []) res.write(`data: ${JSON.stringify(job)}\n\n`)
}

function send(res, code, body) {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson(req) {
  let text = ''
  for await (const chunk of req.setEncoding('utf8')) text += chunk
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const server = createServer(async (req, res) => {
  const [, resource, id, sub] = new URL(req.url ?? '/', 'http://localhost').pathname.split('/')
  if (req.method === 'GET' && resource === 'health' && id === undefined) {
    return send(res, workerConnected ? 200 : 503, {
      status: workerConnected ? 'ok' : 'worker gone',
      pid: process.pid,
      worker: worker.pid,
    })
  }
  if (resource !== 'jobs') return send(res, 404, { error: `no route ${req.method} ${req.url}` })
  if (req.method === 'POST' && id === undefined) {
    const job = await readJson(req)
    // Ids name files in the store: nothing that could climb out of it.
    if (!/^[\w-]{1,64}$/.test(job?.id ?? '') || !Object.hasOwn(TASKS, job.task)) {
      return send(res, 400, {
        error: `expected {id: /^[\\w-]+$/, task: ${Object.keys(TASKS).join(' | ')}, input}`,
      })
    }
    pending.set(job.id, { id: job.id, status: 'queued' })
    worker.send(job)
    return send(res, 202, pending.get(job.id))
  }
  if (req.method !== 'GET' || !/^[\w-]{1,64}$/.test(id ?? '')) return send(res, 404, { error: 'no such job' })
  const job = await status(id)
  if (!job) return send(res, 404, { error: `no job ${id}` })
  if (sub === undefined) return send(res, 200, job)
  if (sub !== 'events') return send(res, 404, { error: `no route ${req.method} ${req.url}` })
  // A stream ends its connection with it: nothing stays open once the server stops.
  res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' })
  res.write(`data: ${JSON.stringify(job)}\n\n`)
  streams.set(id, (streams.get(id) ?? new Set()).add(res))
  res.on('close', () => streams.get(id)?.delete(res))
})

function listen() {
  server.listen(Number(values.port), '127.0.0.1', () => console.log(`listening on ${server.address().port}`))
}

// Stopped the orderly way (SIGTERM): end the open streams, let requests in flight finish, let the
// worker go. A SIGKILL skips all of this; the worker then sees its channel close and exits too.
process.once('SIGTERM', () => {
  server.close(() => process.exit(0))
  for (const open of streams.values()) for (const res of open) res.end()
  worker.disconnect()
})
