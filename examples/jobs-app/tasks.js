// What a job can ask the worker to do, by task name. Pure functions of the job's input: the server
// checks a task exists before it queues the job.
const { createHash } = require('node:crypto')

const TASKS = {
  'count-words': (text) => String(text).split(/\s+/).filter(Boolean).length,
  checksum: (text) => createHash('sha256').update(String(text)).digest('hex'),
}

module.exports = { TASKS }
