import type { Executor } from "../db/database.js";
import { LOCAL_INSTALLATION_ID, ensureLocalInstallation } from "../db/installation.repository.js";
import type { Scope } from "./scope.js";

/**
 * The scope of the command line on this machine: installation 0, whose row may not exist yet on a
 * fresh database (documents and projects reference it).
 */
export async function localScope(ex: Executor, installationId = LOCAL_INSTALLATION_ID): Promise<Scope> {
  if (installationId === LOCAL_INSTALLATION_ID) await ensureLocalInstallation(ex);
  return { installationId, subject: "cli" };
}
