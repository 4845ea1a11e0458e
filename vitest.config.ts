import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // the tests ask for the public development card key explicitly, as the demo does
    env: { FRAUD_RINGS_ALLOW_DEV_PAN_KEY: '1' },
  },
});
