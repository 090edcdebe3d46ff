import { defineConfig } from 'vitest/config';

// Workspace packages are tested from their TypeScript sources: their package.json sends the "source"
// condition there, and plain Node (a user's zx script) to the built dist/.
const conditions = ['source', 'module', 'node', 'development|production'];

/** One vitest project of the workspace: the tests under `test/` (and `src/`) of the folder it is in. */
export function project(name: string, include = ['test/**/*.test.ts', 'src/**/*.test.ts']) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['source'] } },
    test: {
      name,
      include,
      testTimeout: 120_000,
      hookTimeout: 180_000,
    },
  });
}
