import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "action/test/**/*.test.ts"],
    exclude: ["test/fixtures/**", "test/faults/**", "node_modules/**"],
    // Tests share one PostgreSQL and one Redis; files run in parallel but each uses its own
    // schema / key prefix, so keep the pool small on 2-core machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
