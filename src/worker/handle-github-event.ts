import type { DomainEvent } from "../webhooks/domain-event.js";
import type { WorkerDeps } from "./deps.js";
import { onCiCompleted } from "./routes/on-ci-completed.js";
import { onComment } from "./routes/on-comment.js";
import { onInstallation } from "./routes/on-installation.js";
import { onIssue } from "./routes/on-issue.js";
import { onPullRequestClosed } from "./routes/on-pull-request-closed.js";
import { onReview } from "./routes/on-review.js";
import type { Of } from "./routes/shared.js";

type Route<T extends DomainEvent["type"]> = (deps: WorkerDeps, deliveryId: string, event: Of<T>) => Promise<void>;

/** Where each domain event goes: one route per event type. */
const ROUTES: { [T in DomainEvent["type"]]: Route<T> } = {
  installation: onInstallation,
  installation_repositories: onInstallation,
  issue: onIssue,
  comment: onComment,
  ci: onCiCompleted,
  pull_request_closed: onPullRequestClosed,
  review: onReview,
};

/** The worker side of a webhook: domain event in, database rows and state-machine events out. */
export async function handleGitHubEvent(deps: WorkerDeps, deliveryId: string, event: DomainEvent): Promise<void> {
  const route = ROUTES[event.type] as Route<DomainEvent["type"]> | undefined;
  if (route) await route(deps, deliveryId, event);
}
