import { get } from 'node:http'
import { createRequire } from 'node:module'
import { defineProcess, waitFor } from 'steadfast'
import { test as base, describe, expect } from 'vitest'

const require = createRequire(import.meta.url)

// The jobs service as it runs in production: its own process (with its worker process), on a free
// port, with a private store. One per test file, checked before every test that uses it.
const jobsApi = defineProcess({
  name: 'jobs-api',
  command: process.execPath,
  args: [require.resolve('@steadfast/example-jobs-app/server.js'), '--port', '{port}', '--store', '{tmpdir}'],
  ready: { http: 'http://127.0.0.1:{port}/health' },
  health: { http: 'http://127.0.0.1:{port}/health', timeout: 1000 },
})
const test = base.extend({ api: jobsApi.fixture() })

// A fixture's start (and respawn) counts towards the test's timeout: on a loaded machine two Node
// processes can take longer than the default 5 s to come up.
const START_TIMEOUT = 30_000

async function getJson(url) {
  const res = await fetch(url)
  return { status: res.status, body: await res.json() }
}

let killedPid

describe('the jobs service, in a process of its own', () => {
  test(
    'the API runs a job in its worker process and stores the result',
    async ({ api }) => {
      const res = await fetch(`${api.url}/jobs`, {
        method: 'POST',
        body: JSON.stringify({
          id: 'report-1',
          task: 'count-words',
          input: 'one file, one process, no orphans',
        }),
      })
      expect(res.status).toBe(202)
      const job = await waitFor(
        async () => {
          const { body } = await getJson(`${api.url}/jobs/report-1`)
          return body.status === 'done' && body
        },
        { timeout: 5000, message: 'job report-1 done' },
      )
      expect(job).toMatchObject({ id: 'report-1', status: 'done', result: 6 })
    },
    START_TIMEOUT,
  )

  test(
    'a crash kills the API server mid-suite (SIGKILL, as the OOM killer would)',
    async ({ api }) => {
      killedPid = api.pid
      // Resolves once the process has exited: no sleep, the exit event.
      expect(await api.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
    },
    START_TIMEOUT,
  )

  test(
    'the next test finds the API respawned and healthy, its store intact',
    async ({ api }) => {
      expect(api.pid).not.toBe(killedPid)
      const health = await getJson(`${api.url}/health`)
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', pid: api.pid } })
      // Same port and same {tmpdir} after a respawn: what the store held before the crash is still there.
      expect((await getJson(`${api.url}/jobs/report-1`)).body).toMatchObject({ status: 'done', result: 6 })
    },
    START_TIMEOUT,
  )

  test(
    "a test that reads one event of a job's stream and forgets to close it leaves a socket open",
    async ({ api }) => {
      const first = await new Promise((resolve, reject) => {
        get(`${api.url}/jobs/report-1/events`, (res) => {
          let text = ''
          res.setEncoding('utf8').on('data', (chunk) => {
            text += chunk
            // One event is a `data:` line and a blank line.
            if (text.includes('\n\n')) resolve(JSON.parse(text.slice('data: '.length, text.indexOf('\n\n'))))
          })
        }).on('error', reject)
      })
      expect(first).toMatchObject({ id: 'report-1', status: 'done' })
      // The bug kept on purpose: the test has its answer and returns, and the stream stays open. The
      // file's end stops the server, which ends the stream: nothing outlives the run.
    },
    START_TIMEOUT,
  )
})
