import { afterAll, describe, it } from "vitest";
import { cleanUp, runAllAgents, TASKS } from "./run-all-agents.js";

afterAll(cleanUp);

describe("template provider on express-ts-vitest", () => {
  it.each((["byId", "post"] as const).map((key) => TASKS[key]))("%s: code, tests and docs pass the repository's own tests", { timeout: 180_000 }, (title) =>
    runAllAgents("express-ts-vitest", title),
  );
});
