import type { PyImport } from "../../python/import-statements.js";
import { mergeImports } from "../../python/merge-imports.js";
import { insertLineAfter } from "../../python/module-text.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import { sameNode } from "../../python/syntax-tree.js";
import { blockStatements } from "./find-mountables.js";
import type { IncludePlan } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import type { Workspace } from "./workspace.js";

/** How the parent refers to the new router, and the import that makes the reference work. */
function reference(repo: FastapiRepo, plan: IncludePlan, newPath: string, receiver: string): { text: string; entry: PyImport } {
  const parentModule = plan.parent.module;
  const target = moduleOfPath(repo, newPath).name;
  const at = target.lastIndexOf(".");
  const pkg = at < 0 ? "" : target.slice(0, at);
  const leaf = target.slice(at + 1);
  const sibling = plan.siblings[0];
  const head = sibling?.childText.split(".")[0];
  const binding = head ? parentModule.imports.get(head) : undefined;
  const siblingIsModule = sibling !== undefined && sibling.childText.includes(".") && head !== undefined && repo.project.resolve(parentModule, [head])?.k === "module";
  if (!sibling || siblingIsModule) {
    // `from app.api.routes import heartbeat` … `heartbeat.router`: the new module joins the same import.
    const sameForm = binding?.name && binding.module === pkg && binding.written ? { module: binding.written, name: leaf } : undefined;
    const entry = sameForm ?? (pkg === "" ? { module: leaf } : projectImport(repo, parentModule.path, pkg, leaf));
    return { text: `${leaf}.${receiver}`, entry };
  }
  // `from app.routes.items import router as items_router`: the same shape for the new module.
  const alias = binding?.alias ? `${leaf}_${receiver}` : undefined;
  const entry = projectImport(repo, parentModule.path, target, receiver, alias);
  return { text: alias ?? receiver, entry };
}

function includeArgs(plan: IncludePlan, quote: QuoteStyle, dependencies: string | undefined): string[] {
  const ours = new Map<string, string>();
  if (plan.includePrefix) ours.set("prefix", `prefix=${pyLiteral(plan.includePrefix, quote)}`);
  if (plan.tags?.on === "include") ours.set("tags", `tags=[${pyLiteral(plan.tags.value, quote)}]`);
  if (dependencies) ours.set("dependencies", `dependencies=[${dependencies}]`);
  const order = [...(plan.siblings[0]?.args.keywords.keys() ?? []), "prefix", "tags", "dependencies"];
  return [...new Set(order)].filter((key) => ours.has(key)).map((key) => ours.get(key)!);
}

/** The `router = APIRouter(...)` line of a new router module. */
export function routerDeclaration(plan: IncludePlan, receiver: string, quote: QuoteStyle, dependencies: string | undefined): string {
  const args: string[] = [];
  if (plan.ownPrefix) args.push(`prefix=${pyLiteral(plan.ownPrefix, quote)}`);
  if (plan.tags?.on === "router") args.push(`tags=[${pyLiteral(plan.tags.value, quote)}]`);
  if (dependencies) args.push(`dependencies=[${dependencies}]`);
  return `${receiver} = APIRouter(${args.join(", ")})`;
}

/**
 * Includes a new router module in its parent, right after the parent's other include calls (inside
 * the app factory when the app is built in one), importing it the way the others are imported.
 */
export function mountRouter(repo: FastapiRepo, ws: Workspace, plan: IncludePlan, newPath: string, receiver: string, quote: QuoteStyle, dependencies?: string): string {
  const parent = plan.parent;
  const { text: childText, entry } = reference(repo, plan, newPath, receiver);
  const args = [childText, ...includeArgs(plan, quote, dependencies)];
  const line = `${parent.variable}.include_router(${args.join(", ")})`;
  // Nodes are positions in the text as read, so this must be the parent module's first edit.
  const original = parent.module.text;
  // Only includes directly in the parent's block: one inside `if settings.DEBUG:` is conditional.
  const last = plan.siblings
    .filter((s) => s.module === parent.module && s.statement.parent !== null && sameNode(s.statement.parent, parent.scope))
    .map((s) => s.statement)
    .sort((a, b) => b.from - a.from)[0];
  const anchor = last ?? blockStatements(parent.scope).find((statement) => statement.from === parent.statement.from) ?? parent.statement;
  const withInclude = insertLineAfter(original, anchor, line);
  ws.write(parent.module.path, mergeImports(withInclude, [entry], repo.project.localPackages));
  return line;
}
