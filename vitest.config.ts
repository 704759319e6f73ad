import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "action/test/**/*.test.ts"],
    exclude: ["test/fixtures/**", "test/faults/**", "node_modules/**"],
    // Tests share one PostgreSQL and one Redis; files run in parallel but each uses its own
    // schema / key prefix, so keep the pool small on 2-core machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    // On CI a test that fails is run once more, so one timing-sensitive failure on a loaded machine
    // does not hide the rest of the run; a test that fails twice fails the run.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
