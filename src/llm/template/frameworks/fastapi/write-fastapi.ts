import { pyIdentifier } from "../../python/identifiers.js";
import type { PyImport } from "../../python/import-statements.js";
import { detectStyle } from "../../python/python-style.js";
import { MissingStore, STARTED } from "../../python/render-expr.js";
import type { QuoteStyle } from "../../python/python-literal.js";
import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { TestCase } from "../../testgen/test-plan.js";
import type { Result, Written } from "../framework.js";
import { type IncludePlan, type RouterPlacement, choosePlacement } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { Collection } from "./find-resources.js";
import { exprOf, uses } from "./expr-uses.js";
import { bodyParamName, copiedKeywords, handlerName, mirrorTarget } from "./follow-neighbours.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import { addToModule, boundNames } from "./module-edits.js";
import { mountRouter, routerDeclaration } from "./mount-router.js";
import { describeChange } from "./notes.js";
import { coversPath } from "./paths.js";
import { type GuardPlan, planGuard } from "./plan-guard.js";
import { type ModelNames, planModels } from "./plan-models.js";
import { placeTests } from "./place-tests.js";
import { renderHandler, type HandlerSetup } from "./render-handler.js";
import { type StoreAccess, newStore } from "./render-store.js";
import { existingStoreAccess } from "./store-access.js";
import { type Workspace, workspace } from "./workspace.js";
import { writeLogic } from "./write-logic.js";
import { writeTests } from "./write-tests.js";

function decline(reason: string, add?: string): Result<never> {
  return { ok: false, decline: { reason, ...(add ? { add } : {}) } };
}

/** What the steps of writing a blueprint share: the repository, the workspace and the choices made before. */
interface WriteScope {
  repo: FastapiRepo;
  blueprint: Blueprint;
  placement: RouterPlacement;
  guard: GuardPlan | undefined;
  ws: Workspace;
  quote: QuoteStyle;
  collection: Collection | undefined;
}

/** The router module's new code as it is gathered: blocks, their imports, and the names bound there. */
interface RouterCode {
  blocks: string[];
  imports: PyImport[];
  taken: Set<string>;
}

/** Imports of constants kept in other files, gathered by the file that uses them. */
interface ConstantImports {
  byFile: Map<string, PyImport[]>;
  constantFor: (target: string) => (file: string, name: string) => string;
}

/** Why an endpoint cannot be added: its route is already served, lies outside the router's prefix, or has a field pydantic cannot name. */
function endpointConflict(repo: FastapiRepo, blueprint: Blueprint, placement: RouterPlacement): Result<never> | undefined {
  for (const endpoint of blueprint.endpoints) {
    const clash = repo.served.find((s) => s.route.methods.includes(endpoint.method) && s.path.replace(/\{[^}]+\}/g, ":") === endpoint.path.replace(/:[^/]+/g, ":"));
    if (clash) return decline(`\`${endpoint.method} ${endpoint.path}\` is already served by \`${clash.route.funcName}\` in \`${clash.route.module.path}\`.`);
    if (!coversPath(placement.prefix, endpoint.path)) return decline(`\`${placement.path}\` serves routes under \`${placement.prefix}\`, so \`${endpoint.path}\` cannot answer from it.`);
    if (endpoint.body?.some((field) => !/^[A-Za-z_]\w*$/.test(field.name))) return decline(`A field of \`${endpoint.method} ${endpoint.path}\` is not a valid Python name, which a pydantic model needs.`);
  }
  return undefined;
}

/** Includes a new router module in its parent, then declares the router in the new module, each with the guard where it goes. */
function includeNewRouter({ repo, ws, placement, guard, quote }: WriteScope, include: IncludePlan): void {
  const onInclude = guard?.dependency?.on === "include" ? guard.dependency.text : undefined;
  mountRouter(repo, ws, include, placement.path, placement.receiver, repo.style.quote, onInclude);
  if (onInclude && guard) addToModule(repo, ws, include.parent.module.path, [], guard.imports);
  const onRouter = guard?.dependency?.on === "router" ? guard.dependency.text : undefined;
  const declaration = routerDeclaration(include, placement.receiver, quote, onRouter);
  addToModule(repo, ws, placement.path, [declaration], [{ module: "fastapi", name: "APIRouter" }, ...(onRouter && guard ? guard.imports : [])]);
}

/** The store the handlers use: the collection's own, else a new in-memory one added to the router module. */
function planStore({ repo, blueprint, quote }: WriteScope, code: RouterCode): Result<{ store: StoreAccess | undefined; isNew: boolean }> {
  const existingStore = existingStoreAccess(repo, blueprint, quote);
  if (!existingStore.ok) return existingStore;
  let store = existingStore.value;
  if (!store && blueprint.resource) {
    const made = newStore(blueprint.resource.names, blueprint.resource.idType, repo.style, code.taken);
    store = made.access;
    code.blocks.push(made.block);
    code.imports.push(...made.imports);
    code.taken.add(made.access.name);
  }
  return { ok: true, value: { store, isNew: !existingStore.value } };
}

/** The clock uptime is counted from, when an endpoint answers uptime and the router module has none. */
function addUptime({ blueprint, placement }: WriteScope, code: RouterCode): void {
  if (blueprint.endpoints.some((e) => exprOf(e) && uses(exprOf(e)!, "uptime")) && !code.taken.has(STARTED) && !placement.mirror?.logic) {
    code.blocks.push(`# Uptime counts from the import of this module, which happens when the app starts.\n${STARTED} = time.monotonic()`);
    code.imports.push({ module: "time" });
  }
}

/** Names constants where they are used, and remembers the import each file then needs. */
function constantImports(repo: FastapiRepo): ConstantImports {
  const byFile = new Map<string, PyImport[]>();
  const constantFor = (target: string) => (file: string, name: string) => {
    if (file === target) return name;
    const module = moduleOfPath(repo, file).name;
    byFile.set(target, [...(byFile.get(target) ?? []), projectImport(repo, target, module, name)]);
    return name;
  };
  return { byFile, constantFor };
}

/** The id parameter of item routes: named and typed as the collection's routes do, else from the resource. */
function idParam(blueprint: Blueprint, collection: Collection | undefined): HandlerSetup["id"] {
  const resource = blueprint.resource;
  if (!resource) return undefined;
  const idSpec = resource.idName;
  return {
    spec: idSpec,
    name: collection?.idParam?.name ?? (idSpec === "id" ? `${resource.names.snakeSingular}_id` : pyIdentifier(idSpec)),
    annotation: collection?.idParam?.annotation ?? (resource.idType === "integer" ? "int" : "str"),
  };
}

/** Handlers are async as the mirrored route is, else as most neighbouring routes are, else as the repository's style says. */
function handlersAsync(repo: FastapiRepo, placement: RouterPlacement): boolean {
  return placement.mirror?.route?.isAsync ?? (placement.neighbours.length > 0 ? placement.neighbours.filter((r) => r.isAsync).length * 2 > placement.neighbours.length : repo.style.asyncHandlers);
}

/** A custom endpoint's computation, written into a module like the mirrored route's, for the handler to call. */
function customLogic(s: WriteScope, endpoint: EndpointPlan, newName: string | undefined, constants: ConstantImports, code: RouterCode, logicFiles: string[]): { call: string } | undefined {
  const expr = exprOf(endpoint);
  const mirror = s.placement.mirror;
  if (!expr || !mirror?.logic || !newName || endpoint.role !== "custom") return undefined;
  const written = writeLogic(s.repo, s.ws, endpoint, expr, { name: mirror.name, logic: mirror.logic }, newName, s.placement.path, s.quote, constants.constantFor);
  logicFiles.push(written.path);
  code.imports.push(written.importFrom);
  return { call: written.call };
}

/** What the handlers of all endpoints share. */
interface HandlerShared {
  id: HandlerSetup["id"];
  isAsync: boolean;
  models: ModelNames;
  store: StoreAccess | undefined;
  constants: ConstantImports;
}

/** Everything one endpoint's handler needs: the repository's style, the models, the store, the guard and its logic. */
function handlerSetup({ repo, blueprint, placement, guard, quote }: WriteScope, endpoint: EndpointPlan, newName: string | undefined, shared: HandlerShared, code: RouterCode, logic: { call: string } | undefined): HandlerSetup {
  const { id, store, models } = shared;
  return {
    style: repo.style,
    quote,
    major: repo.major,
    receiver: placement.receiver,
    prefix: placement.prefix,
    funcName: handlerName(endpoint, blueprint, placement, newName, code.taken),
    isAsync: shared.isAsync,
    itemVar: blueprint.resource?.names.snakeSingular ?? "item",
    ...(id ? { id } : {}),
    ...(store ? { store } : {}),
    ...(models.input ? { inputModel: models.input } : {}),
    ...(models.patch ? { patchModel: models.patch } : {}),
    ...(models.item ? { itemModel: models.item } : {}),
    ...(models.custom.get(endpoint) ? { customModel: models.custom.get(endpoint)! } : {}),
    ...(models.customBody.get(endpoint) ? { customBodyModel: models.customBody.get(endpoint)! } : {}),
    ...(logic ? { logic } : {}),
    bodyName: bodyParamName(placement),
    ...(guard && !guard.inherited ? { guard } : {}),
    extraKeywords: endpoint.role === "custom" ? copiedKeywords(placement, newName, quote) : [],
    constant: shared.constants.constantFor(placement.path),
  };
}

/** Renders every endpoint's handler into the router module; answers the logic modules written on the way. */
function writeHandlers(s: WriteScope, code: RouterCode, models: ModelNames, store: StoreAccess | undefined): Result<string[]> {
  const { repo, ws, blueprint, placement } = s;
  const constants = constantImports(repo);
  const shared: HandlerShared = { id: idParam(blueprint, s.collection), isAsync: handlersAsync(repo, placement), models, store, constants };
  const logicFiles: string[] = [];
  for (const endpoint of blueprint.endpoints) {
    const newName = mirrorTarget(placement, endpoint);
    const logic = customLogic(s, endpoint, newName, constants, code, logicFiles);
    const setup = handlerSetup(s, endpoint, newName, shared, code, logic);
    try {
      const handler = renderHandler(endpoint, setup);
      code.blocks.push(handler.code);
      code.imports.push(...handler.imports);
    } catch (error) {
      if (error instanceof MissingStore) return decline(`\`${endpoint.method} ${endpoint.path}\` counts stored items, but no store holds them.`);
      throw error;
    }
  }
  for (const file of logicFiles) addToModule(repo, ws, file, [], constants.byFile.get(file) ?? []);
  addToModule(repo, ws, placement.path, code.blocks, [...code.imports, ...(constants.byFile.get(placement.path) ?? [])]);
  return { ok: true, value: logicFiles };
}

/** Renders a blueprint into a FastAPI repository: router, models, store, mount, and tests. */
export async function writeFastapi(repo: FastapiRepo, blueprint: Blueprint, cases: TestCase[]): Promise<Result<Written>> {
  const placed = choosePlacement(repo, blueprint);
  if (!placed.ok) return placed;
  const placement = placed.value;
  const guarded = planGuard(repo, blueprint.auth, placement);
  if (!guarded.ok) return guarded;
  const guard = guarded.value;
  const originals = new Map(repo.project.modules.map((module) => [module.path, module.text]));
  const ws = workspace(originals, repo.files);
  const routerModule = placement.module;
  const quote = routerModule ? detectStyle([routerModule], repo.project.localPackages).quote : repo.style.quote;
  const collection = blueprint.resource ? repo.collections.find((c) => c.resource.basePath === blueprint.resource!.basePath) : undefined;
  const s: WriteScope = { repo, blueprint, placement, guard, ws, quote, collection };
  const conflict = endpointConflict(repo, blueprint, placement);
  if (conflict) return conflict;

  // 1. A new module is included in its parent first: the parent's nodes are positions in its text as read.
  if (placement.include) includeNewRouter(s, placement.include);

  // 2. Models, in the models package or the router module.
  const models = planModels({ repo, ws, blueprint, placement, collection, quote });
  const code: RouterCode = { blocks: [...models.inline], imports: [...models.imports, ...models.inlineImports], taken: boundNames(ws.read(placement.path) ?? "") };

  // 3. The store: the collection's own, or a new in-memory one.
  const stored = planStore(s, code);
  if (!stored.ok) return stored;
  const { store, isNew } = stored.value;
  addUptime(s, code);

  // 4. Handlers.
  const handled = writeHandlers(s, code, models, store);
  if (!handled.ok) return handled;
  const logicFiles = handled.value;

  // 5. Tests.
  const needsAuth = cases.some((c) => c.steps.some((step) => step.request.auth === "valid")) && blueprint.auth.required;
  const testPlace = placeTests(repo, blueprint, placement, guard?.info.guard.name, needsAuth);
  if (!testPlace.ok) return testPlace;
  const tests = writeTests(repo, ws, testPlace.value, cases);

  const changes = ws.changes();
  const testPaths = new Set([testPlace.value.path]);
  return {
    ok: true,
    value: {
      code: changes.filter((change) => !testPaths.has(change.path)),
      tests: changes.filter((change) => testPaths.has(change.path)),
      testNames: tests.names,
      notes: describeChange({ repo, blueprint, placement, guard, models, store, storeIsNew: isNew, logicFiles, tests: testPlace.value, testCount: cases.length }),
    },
  };
}
