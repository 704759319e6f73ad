import { findRepository } from "../../db/installation.repository.js";
import { findActiveTaskForIssue } from "../../db/task.repository.js";
import { applyEvent } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";
import { estimateTask } from "../estimate-task.js";
import { type RepoContext, loadConfig, planWithBase, specFromIssue } from "../repo-context.js";
import type { Of } from "./shared.js";

/** The issue of an active task was edited: plan again from its new text. */
export async function onIssueEdited(deps: WorkerDeps, event: Of<"issue">, ctx: RepoContext): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await findActiveTaskForIssue(deps.db, repoRow.id, event.issue.number);
  if (!task) return;
  const spec = specFromIssue(event.issue);
  // The plan names the files the repository's provider will write, so it reads the config too.
  const loaded = await loadConfig(ctx);
  const provider = loaded.ok ? deps.provider(loaded.config, async () => undefined) : undefined;
  const { plan, base } = await planWithBase(ctx, spec, deps.blobs, provider);
  const estimate = provider ? await estimateTask(deps.db, task.id, provider, plan) : undefined;
  const request = { title: spec.title, body: event.issue.body, spec };
  await applyEvent(deps, String(task.id), { type: "issue_edited", plan, estimate }, { request, base });
}
