import { afterAll, describe, it } from "vitest";
import { cleanUp, runAllAgents, TASKS } from "./run-all-agents.js";

afterAll(cleanUp);

describe("template provider on express-jest", () => {
  it.each((["byId", "crud"] as const).map((key) => TASKS[key]))("%s: code, tests and docs pass the repository's own tests", { timeout: 180_000 }, (title) =>
    runAllAgents("express-jest", title),
  );
});
