import { posix } from "node:path";
import type { AgentReport } from "../../../agents/agent.js";
import type { FileChange, RepoView } from "../../../forge/forge.js";
import type { Blueprint } from "../model.js";
import type { PathStyle } from "./describe-operation.js";
import { renderApiPage, renderEndpointSection } from "./render-api-page.js";
import { updateReadme } from "./update-readme.js";

export interface DocsOutput {
  changes: FileChange[];
  documents: NonNullable<AgentReport["documents"]>;
  details: string[];
}

/** An API reference page (a new one, or the resource's existing page extended) and the README's API section. */
export async function writeDocs(repo: RepoView, bp: Blueprint, path: PathStyle, errorKey: string, port: number): Promise<DocsOutput> {
  const paths = (await repo.files()).map((f) => f.path);
  const changes: FileChange[] = [];
  const details: string[] = [];
  const existingPage = paths.find((p) => /^docs\//.test(p) && posix.basename(p) === `${bp.names.plural}.md`);
  let pagePath: string;
  let page: string;
  if (existingPage) {
    const current = (await repo.read(existingPage)) ?? "";
    page = `${current.replace(/\s+$/, "")}\n\n${bp.operations.map((op) => renderEndpointSection(op, bp, path, errorKey, port)).join("\n\n")}\n`;
    pagePath = existingPage;
    changes.push({ action: "modify", path: pagePath, content: page });
    details.push(`Documented the new endpoints in \`${pagePath}\`, the ${bp.names.plural} page the repository already keeps.`);
  } else {
    const flatDocs = !paths.some((p) => p.startsWith("docs/api/")) && paths.some((p) => /^docs\/[^/]+\.md$/.test(p));
    pagePath = flatDocs ? `docs/${bp.names.kebabPlural}.md` : `docs/api/${bp.names.kebabPlural}.md`;
    page = renderApiPage(bp, path, errorKey, port);
    changes.push({ action: "create", path: pagePath, content: page });
    details.push(`Wrote the API reference page \`${pagePath}\`.`);
  }
  const readmePath = paths.find((p) => /^readme\.md$/i.test(p));
  const readme = readmePath ? await repo.read(readmePath) : undefined;
  const updated = readme === undefined ? undefined : updateReadme(readme, bp, path);
  if (readmePath && updated !== undefined && updated !== readme) {
    changes.push({ action: "modify", path: readmePath, content: updated });
    details.push(`Added the new endpoints to the API section of \`${readmePath}\`.`);
  }
  const title = `${bp.names.plural.charAt(0).toUpperCase()}${bp.names.plural.slice(1)} API`;
  return { changes, documents: [{ kind: "doc", title, body: page, path: pagePath }], details };
}
