import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests run against the sources (the `@steadfast/source` export condition): no build.
        // Node tests resolve in Vite's SSR environment, which has its own conditions.
        resolve: { conditions: ['@steadfast/source'] },
        ssr: { resolve: { conditions: ['@steadfast/source'] } },
        test: { name: 'unit', include: ['packages/*/test/**/*.test.ts'] },
      },
      {
        // End-to-end: real Vitest and Jest processes on fixture projects, against the built packages.
        test: {
          name: 'e2e',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/.research/**', '**/node_modules/**'],
          setupFiles: ['tests/harness/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
