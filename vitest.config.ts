import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'print/vitest.config.ts', 'test/vitest.config.ts'],
  },
});
