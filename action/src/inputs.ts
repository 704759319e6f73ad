import { z } from "zod";
import { ActionInputs } from "./schema.js";

export function readInputs(getInput: (name: string) => string): ActionInputs {
  const parsed = ActionInputs.safeParse({
    githubToken: getInput("github-token"),
    reports: getInput("reports"),
    name: getInput("name") || "Archon tests",
    failOnFailure: getInput("fail-on-failure") || "true",
    annotateOnlyChangedFiles: getInput("annotate-only-changed-files") || "false",
  });
  if (!parsed.success) throw new Error(`Invalid inputs: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
