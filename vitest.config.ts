import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LibreOffice and Chromium tests are heavy; two cores is the CI machine.
    maxWorkers: 2,
  },
});
