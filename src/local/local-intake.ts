import os from "node:os";
import type { PlanDraft } from "../domain/plan.js";
import { planTask } from "../archon/planner.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { TaskSpec } from "../domain/task-spec.js";
import type { Db } from "../db/database.js";
import { LOCAL_INSTALLATION_ID } from "../db/installation.repository.js";
import { insertTask } from "../db/task.repository.js";
import type { Task } from "../db/task.table.js";
import type { PinnedBase } from "../domain/forge.js";
import type { LocalForge } from "../forge/local/local-forge.js";
import type { Provider } from "../llm/provider.js";
import { detectFacts } from "../repo/detect-facts.js";
import type { LocalOutcome } from "./local-report.js";
import { ensureLocalRepositoryRow } from "./local-repository.js";
import { readRepoConfig } from "./read-repo-config.js";

function requester(): string {
  try {
    return os.userInfo().username || "local";
  } catch {
    return "local";
  }
}

/** The task row of a local run, on the repository's row (made or refreshed with the branch checked out). */
export async function recordLocalTask(db: Db, forge: LocalForge, spec: TaskSpec, requestedBy: string | undefined): Promise<Task> {
  const { repository, project } = await ensureLocalRepositoryRow(db, forge.root, await forge.defaultBranch());
  const { task } = await insertTask(db, {
    installation_id: LOCAL_INSTALLATION_ID,
    repository_id: repository.id,
    project_id: project.id,
    source: "cli",
    status: "received",
    issue_number: null,
    title: spec.title,
    body: spec.description,
    spec,
    requested_by: requestedBy ?? requester(),
  });
  return task;
}

/** How planning a local task went: a plan to approve, or why there is none. */
export type LocalPlanning =
  | { ok: true; plan: PlanDraft; config: RepoConfig; provider: Provider }
  | { ok: false; outcome: Extract<LocalOutcome, "bad_config" | "unsupported" | "branch_collision">; reason: string; problems?: string[] };

export interface PlanInput {
  forge: LocalForge;
  base: PinnedBase;
  branch: string;
  spec: TaskSpec;
  provider: (config: RepoConfig) => Provider;
}

/**
 * Reads the repository at the base, its config and facts, and plans the task. A branch of the
 * task's name that exists already means a person made it, or an earlier Archon database is gone:
 * either way its commits are not this task's, and Archon does not write on them.
 */
export async function planLocalTask(input: PlanInput): Promise<LocalPlanning> {
  const { forge, branch } = input;
  if (await forge.resolve(`refs/heads/${branch}`)) {
    const whose = (await forge.isForeignBranch(branch)) ? "Archon did not make it" : "it holds an earlier Archon run's commits";
    const reason = `The branch ${branch} already exists in ${forge.root} and ${whose}. Rename or delete it (git branch -m ${branch} <new-name>), then run again.`;
    return { ok: false, outcome: "branch_collision", reason };
  }
  const view = await forge.viewPinned(input.base);
  const read = await readRepoConfig(view);
  if (!read.ok) {
    const reason = `The repository's config is invalid:\n${read.problems.map((p) => `  - ${p}`).join("\n")}`;
    return { ok: false, outcome: "bad_config", reason, problems: read.problems };
  }
  const provider = input.provider(read.config);
  const facts = await detectFacts(view);
  const assessment = provider.assess(input.spec, facts);
  if (!assessment.supported) return { ok: false, outcome: "unsupported", reason: assessment.reason };
  // A provider that reads the repository first says what it will write, or why it will not.
  const drafted = provider.draft ? await provider.draft(input.spec, view, facts) : undefined;
  if (drafted && !drafted.supported) return { ok: false, outcome: "unsupported", reason: drafted.reason };
  return { ok: true, plan: planTask(input.spec, facts, drafted), config: read.config, provider };
}
