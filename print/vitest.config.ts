import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'print',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
