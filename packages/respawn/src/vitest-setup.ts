// Runs in every Vitest worker before each test file (the respawn() plugin adds it to setupFiles).
import * as vitest from 'vitest'
import { installForFile } from './_vitestFile.js'

installForFile(vitest as unknown as Parameters<typeof installForFile>[0])
