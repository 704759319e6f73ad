import type { RepositoryFacts } from "../../../../domain/plan.js";
import type { RepoView } from "../../../../domain/forge.js";
import { type CodeStyle, readCodeStyle } from "../../jsts/code-style.js";
import type { JsProject } from "../../jsts/project.js";
import { type JsTestHarness, readTestHarness } from "../../jsts/test-harness.js";
import { type Collection, findCollections } from "./collections.js";
import { type Envelope, findEnvelope } from "./envelope.js";
import { findOpenApiRegistry, type OpenApiRegistry } from "./openapi-registry.js";
import { type ErrorMechanism, findErrorMechanism } from "./error-mechanism.js";
import { type ExpressGuard, findGuards } from "./guards.js";
import { findInstances, type Instance, type Instances } from "./instances.js";
import { findRegistrations, type Registrations } from "./registrations.js";
import { prefixes, type ServedRoute, servedRoutes } from "./route-table.js";
import { findValidation, type ValidationUsage } from "./validation.js";

/** Everything the Express writer knows about a repository. */
export interface ExpressModel {
  project: JsProject;
  repo: RepoView;
  facts: RepositoryFacts;
  instances: Instances;
  regs: Registrations;
  served: ServedRoute[];
  /** Full prefix of each instance, by id. */
  prefix: Map<number, string>;
  /** The app the others hang from. */
  app: Instance;
  collections: Collection[];
  errors: ErrorMechanism | undefined;
  validation: ValidationUsage | undefined;
  guards: ExpressGuard[];
  style: CodeStyle;
  typescript: boolean;
  /** Sources are ES modules (import/export), whatever they compile to. */
  esm: boolean;
  /** Relative imports carry an extension (`./x.js`), as Node's ESM and `nodenext` need. */
  importExtension: boolean;
  /** The OpenAPI registry the repository lists its operations in, when it keeps one. */
  openapi: OpenApiRegistry | undefined;
  /** How success answers wrap their data, when the repository wraps them. */
  envelope: Envelope | undefined;
  /** The key the repository's inline error bodies use: `error`, `message`. */
  errorKey: string;
  harness: JsTestHarness | undefined;
}

function mainApp(instances: Instance[], served: ServedRoute[], mounts: Registrations["mounts"]): Instance | undefined {
  const apps = instances.filter((i) => i.kind === "app");
  const weight = (app: Instance) => served.filter((r) => r.reg.instance.id === app.id).length + mounts.filter((m) => m.parent.id === app.id).length * 2;
  return apps.sort((a, b) => weight(b) - weight(a))[0];
}

function errorKeyOf(project: JsProject, files: string[]): string {
  for (const path of files) {
    const m = /\.status\(\s*4\d\d\s*\)\s*\.(?:json|send)\(\s*\{\s*([A-Za-z_]\w*)\s*:/.exec(project.text(path) ?? "");
    if (m) return m[1]!;
  }
  return "error";
}

function moduleFacts(project: JsProject, facts: RepositoryFacts, app: Instance): { esm: boolean; importExtension: boolean } {
  const text = project.text(app.file) ?? "";
  const typescript = /\.[cm]?ts$/.test(app.file);
  const esm = typescript || /^\s*(import|export)\s/m.test(text) || app.file.endsWith(".mjs");
  const relative = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  const withExt = relative.filter((s) => /\.[cm]?[jt]s$/.test(s)).length;
  const nodeEsm = !typescript && (facts.moduleStyle === "esm" || app.file.endsWith(".mjs"));
  const tsNode = typescript && /^node(16|next)$/.test(project.tsconfig.moduleResolution ?? project.tsconfig.module ?? "") && project.packageJson?.type === "module";
  const importExtension = relative.length > 0 ? withExt * 2 > relative.length : nodeEsm || tsNode;
  return { esm, importExtension };
}

export async function readExpress(repo: RepoView, facts: RepositoryFacts, project: JsProject): Promise<ExpressModel | undefined> {
  const instances = findInstances(project);
  const regs = findRegistrations(project, instances);
  const served = servedRoutes(regs, instances.all);
  const app = mainApp(instances.all, served, regs.mounts);
  if (!app) return undefined;
  const routeFiles = [...new Set([app.file, ...served.map((r) => r.reg.file)])];
  const style = await readCodeStyle(repo, project.paths, routeFiles.map((f) => project.text(f) ?? ""));
  const mod = moduleFacts(project, facts, app);
  const collections = findCollections(project, served);
  return {
    project,
    repo,
    facts,
    instances,
    regs,
    served,
    prefix: prefixes(instances.all, regs.mounts),
    app,
    collections,
    envelope: findEnvelope(project, collections),
    openapi: findOpenApiRegistry(project, served.map((r) => r.path)),
    errors: findErrorMechanism(project, regs.uses),
    validation: findValidation(project, regs.routes),
    guards: findGuards(project, served, regs.uses),
    style,
    typescript: /\.[cm]?ts$/.test(app.file),
    ...mod,
    errorKey: errorKeyOf(project, routeFiles),
    harness: readTestHarness(project, served.map((r) => r.path)),
  };
}
