import { PassThrough } from 'node:stream'
import { expect, test } from 'vitest'
import { Output } from '../src/_output.js'
import { expand, unknownTemplates } from '../src/_templates.js'

test('Output keeps the last lines of each stream, a partial last line included', async () => {
  const output = new Output(2)
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  output.follow('stdout', stdout)
  output.follow('stderr', stderr)
  stdout.write('one\ntwo\nthr')
  stdout.write('ee\nfour')
  stderr.write('oops\r\n')
  await new Promise((resolve) => setImmediate(resolve))
  expect(output.logs()).toEqual({ stdout: ['three', 'four'], stderr: ['oops'] })
})

test('a log watcher sees every line, and a partial one (a prompt without a newline)', async () => {
  const output = new Output(5)
  const stream = new PassThrough()
  output.follow('stdout', stream)
  const seen: string[] = []
  const stop = output.watch((line) => seen.push(line))
  stream.write('a\nready> ')
  await new Promise((resolve) => setImmediate(resolve))
  stop()
  stream.write('\nlater\n')
  await new Promise((resolve) => setImmediate(resolve))
  expect(seen).toEqual(['a', 'ready> '])
})

test('templates expand, unknown ones are named, JSON passes through', () => {
  const values = { port: '4000', tmpdir: '/tmp/x', name: 'api' }
  expect(expand('http://127.0.0.1:{port}/{name}?db={tmpdir}/db', values)).toBe(
    'http://127.0.0.1:4000/api?db=/tmp/x/db',
  )
  expect(unknownTemplates('{port} {prot} {"a":1}')).toEqual(['prot'])
})
