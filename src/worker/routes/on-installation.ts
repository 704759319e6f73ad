import { markRepositoriesRemoved, setInstallationState, upsertInstallation, upsertRepository } from "../../db/installation.repository.js";
import type { WorkerDeps } from "../deps.js";
import type { Of } from "./shared.js";

/** The App was installed, removed, suspended, or given other repositories: the rows follow. */
export async function onInstallation(deps: WorkerDeps, _deliveryId: string, event: Of<"installation"> | Of<"installation_repositories">): Promise<void> {
  const id = event.installationId;
  if (event.type === "installation" && event.action === "deleted") return setInstallationState(deps.db, id, "deleted");
  if (event.type === "installation" && event.action === "suspend") return setInstallationState(deps.db, id, "suspended");
  await upsertInstallation(deps.db, { id, accountLogin: event.account.login, accountType: event.account.type });
  if (event.type === "installation" && event.action === "unsuspend") await setInstallationState(deps.db, id, "active");
  const added = event.type === "installation" ? event.repositories : event.added;
  for (const repo of added) {
    await upsertRepository(deps.db, { installationId: id, githubId: repo.id, fullName: repo.fullName, private: repo.private });
  }
  if (event.type === "installation_repositories") {
    await markRepositoriesRemoved(deps.db, id, event.removed.map((r) => r.fullName));
  }
}
