import { afterAll } from 'vitest'
import { cleanupFixtures } from './fixture.js'

// Every e2e file drains what it started, even when a test failed half way.
afterAll(cleanupFixtures)
