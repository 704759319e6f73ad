import { parseTaskRequest } from "../../agents/task-request.js";
import type { RepositoryFacts } from "../../archon/plan.js";
import type { TaskSpec } from "../../archon/task-spec.js";
import type { Assessment } from "../provider.js";
import { declined } from "./advice.js";

const TEST_RUNNERS: Record<RepositoryFacts["framework"], RepositoryFacts["testRunner"][]> = {
  express: ["jest", "vitest", "mocha", "node:test"],
  fastify: ["jest", "vitest", "mocha", "node:test"],
  fastapi: ["pytest"],
  unknown: [],
};

/** Whether the template provider can do a task on a repository, and if not why, in plain words. */
export function assessTask(task: TaskSpec, facts: RepositoryFacts): Assessment {
  const request = parseTaskRequest(task);
  if (request.kind === "not-understood") return { supported: false, reason: declined(request.reason) };
  if (facts.framework === "unknown") {
    return { supported: false, reason: declined("This repository does not use Express, Fastify or FastAPI as far as Archon can tell.") };
  }
  if (!TEST_RUNNERS[facts.framework].includes(facts.testRunner)) {
    const runner = facts.testRunner === "unknown" ? "no test runner Archon recognises" : facts.testRunner;
    return {
      supported: false,
      reason: declined(`The repository uses ${runner}; for ${facts.framework} the template provider writes tests for ${TEST_RUNNERS[facts.framework].join(", ")} only.`),
    };
  }
  if (request.kind === "endpoints") {
    const other = request.endpoints.find((e) => e.operation === "other");
    if (other) {
      return {
        supported: false,
        reason: declined(`\`${other.method} ${other.path}\` is not a plain REST route on a resource (list, get by id, create, update, delete).`),
      };
    }
  }
  return { supported: true };
}
