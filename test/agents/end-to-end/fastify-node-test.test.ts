import { afterAll, describe, it } from "vitest";
import { cleanUp, runAllAgents, TASKS } from "./run-all-agents.js";

afterAll(cleanUp);

describe("template provider on fastify-node-test", () => {
  it.each((["byId", "crud", "update"] as const).map((key) => TASKS[key]))("%s: code, tests and docs pass the repository's own tests", { timeout: 180_000 }, (title) =>
    runAllAgents("fastify-node-test", title),
  );
});
