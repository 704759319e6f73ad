import type { RepositoryFacts } from "../../../../domain/plan.js";
import type { RepoView } from "../../../../domain/forge.js";
import { type CodeStyle, readCodeStyle } from "../../jsts/code-style.js";
import type { JsProject } from "../../jsts/project.js";
import { type JsTestHarness, readTestHarness } from "../../jsts/test-harness.js";
import { type Collection, findCollections } from "./collections.js";
import { type ErrorMechanism, findErrorMechanism } from "./error-mechanism.js";
import { type FastifyGuard, findGuards } from "./guards.js";
import { findInstanceCalls, type InstanceCalls } from "./instance-calls.js";
import { findPluginRegistrations, type PluginRegistrations } from "./plugin-registrations.js";
import { type HandlerStyle, handlerStyle, type ModuleStyle, moduleStyle, type SchemaStyle, schemaStyle } from "./repo-style.js";
import { findRoutes, type RouteReg } from "./route-registrations.js";
import { type ScopeTree, scopeTree, type ServedRoute, servedRoutes } from "./route-table.js";
import { findScopes, type Scope, type Scopes } from "./scopes.js";

/** Everything the Fastify writer knows about a repository. */
export interface FastifyModel extends ModuleStyle {
  project: JsProject;
  repo: RepoView;
  facts: RepositoryFacts;
  scopes: Scopes;
  /** The scope the others hang from: the app, or the plugin fastify-cli starts. */
  main: Scope;
  routes: RouteReg[];
  plugins: PluginRegistrations;
  calls: InstanceCalls;
  tree: ScopeTree;
  served: ServedRoute[];
  collections: Collection[];
  errors: ErrorMechanism;
  guards: FastifyGuard[];
  style: CodeStyle;
  schemas: SchemaStyle;
  handlers: HandlerStyle;
  harness: JsTestHarness | undefined;
}

function mainScope(roots: Scope[], served: ServedRoute[], regs: PluginRegistrations, tree: ScopeTree): Scope | undefined {
  const weight = (root: Scope) => served.filter((r) => tree.lineage(r.reg.scope).some((s) => s.id === root.id)).length + regs.plugins.filter((p) => p.parent.id === root.id).length;
  return [...roots].sort((a, b) => weight(b) - weight(a))[0];
}

export async function readFastify(repo: RepoView, facts: RepositoryFacts, project: JsProject): Promise<FastifyModel | undefined> {
  const scopes = findScopes(project);
  const plugins = findPluginRegistrations(project, scopes);
  const routes = findRoutes(project, scopes);
  const calls = findInstanceCalls(project, scopes);
  const roots = [...scopes.all.filter((s) => s.kind === "app"), ...plugins.roots];
  const tree = scopeTree(roots, plugins.plugins);
  const served = servedRoutes(routes, tree);
  const main = mainScope(roots, served, plugins, tree);
  if (!main) return undefined;
  const files = [...new Set([main.file, ...served.map((r) => r.reg.file)])];
  return {
    project,
    repo,
    facts,
    scopes,
    main,
    routes,
    plugins,
    calls,
    tree,
    served,
    collections: findCollections(project, served, calls.decorators),
    errors: findErrorMechanism(project, served, plugins.packages, calls),
    guards: findGuards(project, served, calls.hooks, calls.decorators, tree),
    style: await readCodeStyle(repo, project.paths, files.map((f) => project.text(f) ?? "")),
    schemas: schemaStyle(project, served),
    handlers: handlerStyle(project, served),
    harness: readTestHarness(project, served.map((r) => r.path)),
    ...moduleStyle(project, facts, main.file),
  };
}
