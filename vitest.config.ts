import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

/** Tests that reach outside the process (sockets, child processes, Redis, browsers, runtimes, CLIs). */
const INTEGRATION = 'test/**/*.integration.test.ts'

// Three projects (docs/decisions/0301-unit-and-integration-projects.md):
// - unit: every other `*.test.ts`, in memory; `npm run test:unit` runs only these, in seconds.
//   test/unit-project.test.ts fails if one of them imports a socket, process or service module.
// - integration: `*.integration.test.ts`, the real servers, runtimes, browsers, Redis and tools.
// - types: the `*.test-d.ts` type tests, checked by tsc through vitest.
// `npm test` (vitest run) runs all three.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^restmachine$/, replacement: src('index.ts') },
      { find: /^restmachine\/(.*)$/, replacement: src('entries/$1.ts') },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, INTEGRATION],
          // In-memory tests share one module graph per worker: five times faster than re-importing
          // the framework for every file. A unit test therefore leaves no global state behind.
          isolate: false,
          setupFiles: ['test/support/unit-setup.ts'],
        },
      },
      { extends: true, test: { name: 'integration', include: [INTEGRATION] } },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
    ],
  },
})
