import { defineConfig } from "vitest/config";

// The fault cases start Archon's own processes against the real PostgreSQL and Redis, so they run
// one file at a time with generous limits; `npm test` leaves them out.
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/faults/**/*.test.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // As in the main suite: on CI a failing case runs once more before it fails the run.
    retry: process.env.CI ? 1 : 0,
    globalSetup: ["test/global-setup.ts"],
    env: {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
      TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    },
  },
});
