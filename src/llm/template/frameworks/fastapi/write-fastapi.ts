import { pyIdentifier } from "../../python/identifiers.js";
import type { PyImport } from "../../python/import-statements.js";
import { detectStyle } from "../../python/python-style.js";
import { MissingStore, STARTED } from "../../python/render-expr.js";
import type { Blueprint } from "../../blueprint/blueprint.js";
import type { TestCase } from "../../testgen/test-plan.js";
import type { Result, Written } from "../framework.js";
import { choosePlacement } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { exprOf, uses } from "./expr-uses.js";
import { bodyParamName, copiedKeywords, handlerName, mirrorTarget } from "./follow-neighbours.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import { addToModule, boundNames } from "./module-edits.js";
import { mountRouter, routerDeclaration } from "./mount-router.js";
import { describeChange } from "./notes.js";
import { coversPath } from "./paths.js";
import { planGuard } from "./plan-guard.js";
import { planModels } from "./plan-models.js";
import { placeTests } from "./place-tests.js";
import { renderHandler, type HandlerSetup } from "./render-handler.js";
import { newStore } from "./render-store.js";
import { existingStoreAccess } from "./store-access.js";
import { workspace } from "./workspace.js";
import { writeLogic } from "./write-logic.js";
import { writeTests } from "./write-tests.js";

function decline(reason: string, add?: string): Result<never> {
  return { ok: false, decline: { reason, ...(add ? { add } : {}) } };
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

  for (const endpoint of blueprint.endpoints) {
    const clash = repo.served.find((s) => s.route.methods.includes(endpoint.method) && s.path.replace(/\{[^}]+\}/g, ":") === endpoint.path.replace(/:[^/]+/g, ":"));
    if (clash) return decline(`\`${endpoint.method} ${endpoint.path}\` is already served by \`${clash.route.funcName}\` in \`${clash.route.module.path}\`.`);
    if (!coversPath(placement.prefix, endpoint.path)) return decline(`\`${placement.path}\` serves routes under \`${placement.prefix}\`, so \`${endpoint.path}\` cannot answer from it.`);
    if (endpoint.body?.some((field) => !/^[A-Za-z_]\w*$/.test(field.name))) return decline(`A field of \`${endpoint.method} ${endpoint.path}\` is not a valid Python name, which a pydantic model needs.`);
  }

  // 1. A new module is included in its parent first: the parent's nodes are positions in its text as read.
  if (placement.include) {
    const onInclude = guard?.dependency?.on === "include" ? guard.dependency.text : undefined;
    mountRouter(repo, ws, placement.include, placement.path, placement.receiver, repo.style.quote, onInclude);
    if (onInclude && guard) addToModule(repo, ws, placement.include.parent.module.path, [], guard.imports);
    const onRouter = guard?.dependency?.on === "router" ? guard.dependency.text : undefined;
    const declaration = routerDeclaration(placement.include, placement.receiver, quote, onRouter);
    addToModule(repo, ws, placement.path, [declaration], [{ module: "fastapi", name: "APIRouter" }, ...(onRouter && guard ? guard.imports : [])]);
  }

  // 2. Models, in the models package or the router module.
  const models = planModels({ repo, ws, blueprint, placement, collection, quote });
  const taken = boundNames(ws.read(placement.path) ?? "");
  const blocks: string[] = [...models.inline];
  const imports: PyImport[] = [...models.imports, ...models.inlineImports];

  // 3. The store: the collection's own, or a new in-memory one.
  const existingStore = existingStoreAccess(repo, blueprint, quote);
  if (!existingStore.ok) return existingStore;
  let store = existingStore.value;
  if (!store && blueprint.resource) {
    const made = newStore(blueprint.resource.names, blueprint.resource.idType, repo.style, taken);
    store = made.access;
    blocks.push(made.block);
    imports.push(...made.imports);
    taken.add(made.access.name);
  }
  const routerHas = (name: string) => taken.has(name);
  if (blueprint.endpoints.some((e) => exprOf(e) && uses(exprOf(e)!, "uptime")) && !routerHas(STARTED) && !placement.mirror?.logic) {
    blocks.push(`# Uptime counts from the import of this module, which happens when the app starts.\n${STARTED} = time.monotonic()`);
    imports.push({ module: "time" });
  }

  // 4. Handlers.
  const constantImports = new Map<string, PyImport[]>();
  const constantFor = (target: string) => (file: string, name: string) => {
    if (file === target) return name;
    const module = moduleOfPath(repo, file).name;
    constantImports.set(target, [...(constantImports.get(target) ?? []), projectImport(repo, target, module, name)]);
    return name;
  };
  const resource = blueprint.resource;
  const idSpec = resource?.idName ?? "id";
  const id = resource
    ? {
        spec: idSpec,
        name: collection?.idParam?.name ?? (idSpec === "id" ? `${resource.names.snakeSingular}_id` : pyIdentifier(idSpec)),
        annotation: collection?.idParam?.annotation ?? (resource.idType === "integer" ? "int" : "str"),
      }
    : undefined;
  const isAsync = placement.mirror?.route?.isAsync ?? (placement.neighbours.length > 0 ? placement.neighbours.filter((r) => r.isAsync).length * 2 > placement.neighbours.length : repo.style.asyncHandlers);
  const logicFiles: string[] = [];
  for (const endpoint of blueprint.endpoints) {
    const newName = mirrorTarget(placement, endpoint);
    const expr = exprOf(endpoint);
    let logic: { call: string } | undefined;
    if (expr && placement.mirror?.logic && newName && endpoint.role === "custom") {
      const written = writeLogic(repo, ws, endpoint, expr, { name: placement.mirror.name, logic: placement.mirror.logic }, newName, placement.path, quote, constantFor);
      logic = { call: written.call };
      logicFiles.push(written.path);
      imports.push(written.importFrom);
    }
    const setup: HandlerSetup = {
      style: repo.style,
      quote,
      major: repo.major,
      receiver: placement.receiver,
      prefix: placement.prefix,
      funcName: handlerName(endpoint, blueprint, placement, newName, taken),
      isAsync,
      itemVar: resource?.names.snakeSingular ?? "item",
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
      constant: constantFor(placement.path),
    };
    try {
      const handler = renderHandler(endpoint, setup);
      blocks.push(handler.code);
      imports.push(...handler.imports);
    } catch (error) {
      if (error instanceof MissingStore) return decline(`\`${endpoint.method} ${endpoint.path}\` counts stored items, but no store holds them.`);
      throw error;
    }
  }
  for (const file of logicFiles) addToModule(repo, ws, file, [], constantImports.get(file) ?? []);
  addToModule(repo, ws, placement.path, blocks, [...imports, ...(constantImports.get(placement.path) ?? [])]);

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
      notes: describeChange({ repo, blueprint, placement, guard, models, store, storeIsNew: !existingStore.value, logicFiles, tests: testPlace.value, testCount: cases.length }),
    },
  };
}
