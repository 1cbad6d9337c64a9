import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: several tests run LibreOffice, Chromium or the real CLI on a shared 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // LibreOffice and Chromium tests are heavy; two cores is the CI machine.
    maxWorkers: 2,
  },
});
