import { posix } from "node:path";
import type { AgentReport } from "../../../domain/agent.js";
import type { FileChange, RepoView } from "../../../domain/forge.js";
import type { Blueprint } from "../blueprint/blueprint.js";
import { capitalise, describeEndpoint, exampleBody, type PathStyle } from "./describe-endpoint.js";
import { addToReadme } from "./add-to-readme.js";

export interface DocsOutput {
  changes: FileChange[];
  documents: NonNullable<AgentReport["documents"]>;
  details: string[];
}

function title(bp: Blueprint): string {
  return bp.resource ? `${capitalise(bp.resource.names.pluralWords)} API` : bp.endpoints.map((e) => `${e.method} ${e.path}`).join(", ");
}

/** The reference text for the new endpoints: a table, then a section per endpoint with an example call. */
export function referenceText(bp: Blueprint, path: PathStyle, heading: string): string {
  const rows = bp.endpoints.map((ep) => `| ${ep.method} | \`${path(ep.path)}\` | ${capitalise(describeEndpoint(ep, bp))}. |`);
  const sections = bp.endpoints.map((ep) => {
    const body = ep.body && ep.body.length > 0 ? ` -H 'content-type: application/json' -d '${exampleBody(ep.body)}'` : "";
    const url = `http://localhost:3000${ep.path.replace(/:[^/]+/g, "1")}`;
    const fields = ep.body && ep.body.length > 0 ? ["", "| Field | Type | Required | Default |", "| --- | --- | --- | --- |", ...ep.body.map((f) => `| \`${f.name}\` | ${f.type === "unknown" ? "any" : f.type} | ${f.required ? "yes" : "no"} | ${f.default === undefined ? "" : `\`${JSON.stringify(f.default)}\``} |`)] : [];
    return [`### ${ep.method} ${path(ep.path)}`, "", `${capitalise(describeEndpoint(ep, bp))}.`, ...fields, "", "```sh", `curl${ep.method === "GET" ? "" : ` -X ${ep.method}`} ${url}${body}`, "```"].join("\n");
  });
  const stored = bp.resource?.store === "new" ? `\n${capitalise(bp.resource.names.pluralWords)} are kept in memory, so they start empty on every restart.\n` : "";
  return [`${heading} ${title(bp)}`, stored, "| Method | Path | What it does |", "| --- | --- | --- |", ...rows, "", ...sections.map((s) => `${s}\n`)].join("\n").trimEnd() + "\n";
}

/**
 * Documents the new endpoints where the repository keeps such things: the README's API section
 * when it has one, a page of its docs folder when it has one, else a section of the README.
 */
export async function documentBlueprint(repo: RepoView, bp: Blueprint, path: PathStyle): Promise<DocsOutput> {
  const paths = (await repo.files()).map((f) => f.path);
  const readmePath = paths.find((p) => /^readme\.md$/i.test(p));
  const readme = readmePath ? await repo.read(readmePath) : undefined;
  const changes: FileChange[] = [];
  const details: string[] = [];
  const reference = referenceText(bp, path, "#");
  const listed = readme === undefined ? undefined : addToReadme(readme, bp, path);
  if (readmePath && listed !== undefined) {
    changes.push({ action: "modify", path: readmePath, content: listed });
    details.push(`Listed the new endpoints in the API section of \`${readmePath}\`.`);
  }
  const docsDir = ["docs/api", "docs", "doc"].find((d) => paths.some((p) => p.startsWith(`${d}/`) && p.endsWith(".md")));
  if (docsDir) {
    const name = bp.resource ? bp.resource.names.kebabPlural : bp.endpoints[0]!.path.split("/").filter((s) => s && !s.startsWith(":")).slice(-1)[0] ?? "endpoints";
    const page = posix.join(docsDir, `${name}.md`);
    const existing = paths.includes(page) ? await repo.read(page) : undefined;
    changes.push(existing === undefined ? { action: "create", path: page, content: reference } : { action: "modify", path: page, content: `${existing.trimEnd()}\n\n${referenceText(bp, path, "##")}` });
    details.push(`${existing === undefined ? "Wrote" : "Extended"} the reference page \`${page}\`.`);
  } else if (readmePath && listed === undefined && readme !== undefined) {
    changes.push({ action: "modify", path: readmePath, content: `${readme.trimEnd()}\n\n${referenceText(bp, path, "##")}` });
    details.push(`Added a section on the new endpoints to \`${readmePath}\`.`);
  }
  return { changes, documents: [{ kind: "doc", title: title(bp), body: reference, ...(changes[0] ? { path: changes[changes.length - 1]!.path } : {}) }], details };
}
