// Type test: every common emitter of Node and the web platform is accepted by waitForEvent.

import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { createServer } from 'node:net'
import { MessageChannel } from 'node:worker_threads'
import { waitForEvent } from '@steadfast/wait'

void waitForEvent(new EventEmitter(), 'x')
void waitForEvent(spawn('true'), 'exit')
void waitForEvent(createServer(), 'listening')
void waitForEvent(process, 'beforeExit')
void waitForEvent(new AbortController().signal, 'abort')
void waitForEvent(new EventTarget(), 'x')
void waitForEvent(new MessageChannel().port1, 'message')
