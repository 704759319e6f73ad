import type { AgentReport } from "../agents/agent.js";
import type { Executor } from "../db/database.js";
import { insertDocument } from "../db/document.repository.js";
import { LOCAL_INSTALLATION_ID } from "../db/installation.repository.js";
import type { LocalTaskReport } from "./local-report.js";

/** The DocumentationAgent's documents into the knowledge base, linked to the task and repository. */
export async function storeDocuments(
  ex: Executor,
  repositoryId: string,
  taskId: string,
  reports: { report: AgentReport }[],
): Promise<LocalTaskReport["documents"]> {
  const stored: LocalTaskReport["documents"] = [];
  for (const { report } of reports) {
    for (const doc of report.documents ?? []) {
      const row = await insertDocument(ex, {
        installationId: LOCAL_INSTALLATION_ID,
        repositoryId,
        kind: doc.kind,
        title: doc.title,
        body: doc.body,
        path: doc.path ?? null,
        sourceTaskId: taskId,
      });
      stored.push({ id: String(row.id), kind: row.kind, title: row.title, path: row.path });
    }
  }
  return stored;
}
