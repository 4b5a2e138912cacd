#!/usr/bin/env node
// The jobs worker, forked by server.js: runs the jobs the server sends over the IPC channel with
// the JobRunner of jobs.js (its file store, its retry backoff) and tells the server how each went.
const { parseArgs } = require('node:util')
const { JobRunner } = require('./jobs.js')
const { TASKS } = require('./tasks.js')

const { values } = parseArgs({ options: { store: { type: 'string', default: 'data' } } })
const runner = new JobRunner(values.store)
runner.on('done', ({ id, attempt }) => process.send?.({ type: 'done', id, attempt }))
runner.on('failed', ({ id, attempt }) => process.send?.({ type: 'failed', id, attempt }))
process.on('message', ({ id, task, input }) => runner.submit(id, async () => TASKS[task](input)))
// The channel closes when the server exits, even by SIGKILL: a worker never outlives its server.
process.on('disconnect', () => process.exit(0))
process.send?.({ type: 'ready' })
