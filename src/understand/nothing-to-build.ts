import type { TaskSpec } from "../domain/task-spec.js";
import type { NotUnderstood } from "./spec.js";
import type { BarePath } from "./find-endpoints.js";
import { NO_ENDPOINT, nonEndpointWork, pathWithoutMethod } from "./not-understood.js";

const DOCS = /\b(?:readme|docs?|documentation|changelog|typos?|comments?|wording|spelling)\b/i;
const TESTS = /\b(?:tests?|coverage|specs?|flaky)\b/i;
const FIX = /\b(?:fix(?:es|ed)?|bugs?|broken|crash(?:es)?|regression|fails?|failing|wrong|incorrect)\b/i;

/** Why an issue with no endpoint and no collection is not a task for the template provider. */
export function nothingToBuild(task: Pick<TaskSpec, "title" | "kind">, bare: BarePath[]): NotUnderstood {
  const title = String(task.title ?? "");
  if (task.kind === "docs" || DOCS.test(title)) return nonEndpointWork("docs");
  if (task.kind === "tests" || TESTS.test(title)) return nonEndpointWork("tests");
  if (task.kind === "fix" || FIX.test(title)) return nonEndpointWork("fix");
  const path = bare[0]?.path;
  return path ? pathWithoutMethod(path) : NO_ENDPOINT;
}
