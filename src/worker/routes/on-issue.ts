import type { WorkerDeps } from "../deps.js";
import { repoContext } from "../repo-context.js";
import { onIssueClosed } from "./on-issue-closed.js";
import { onIssueEdited } from "./on-issue-edited.js";
import { onIssueLabeled } from "./on-issue-labeled.js";
import { onIssueUnlabeled } from "./on-issue-unlabeled.js";
import type { Of } from "./shared.js";

/** An issue event, sent on by its action. */
export async function onIssue(deps: WorkerDeps, deliveryId: string, event: Of<"issue">): Promise<void> {
  const ctx = await repoContext(deps, event.installationId, event.repo);
  switch (event.action) {
    case "reopened":
      if (!event.issue.labels.length) return;
      return onIssueLabeled(deps, deliveryId, event, ctx);
    case "labeled":
    case "opened":
      return onIssueLabeled(deps, deliveryId, event, ctx);
    case "unlabeled":
      return onIssueUnlabeled(deps, event, ctx);
    case "closed":
    case "deleted":
      return onIssueClosed(deps, event, ctx);
    case "edited":
      return onIssueEdited(deps, event, ctx);
  }
}
