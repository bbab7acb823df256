// Two projects: engine and server tests in Node; studio component tests in
// happy-dom with the Vue plugin. End-to-end tests (test/e2e) run in Node and
// drive real Chromium against the real server.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// expect.poll returns as soon as its check holds; its default of 1 s is less than a
// page can take to render on a loaded 2-core machine, so polls may wait 15 s.
const expect = { poll: { timeout: 15_000 } };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { test: { name: 'node', include: ['test/engine/**/*.test.ts', 'test/server/**/*.test.ts', 'test/e2e/**/*.test.ts'], testTimeout: 60_000, expect } },
      { plugins: [vue()], test: { name: 'studio', include: ['test/studio/**/*.test.ts'], environment: 'happy-dom', testTimeout: 30_000, expect } },
    ],
  },
});
