import { posix } from "node:path";
import { pascalCase } from "../../../../understand/inflect.js";
import type { FieldSpec } from "../../../../understand/spec.js";
import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { freeName, isIdentifier } from "../../python/identifiers.js";
import type { QuoteStyle } from "../../python/python-literal.js";
import { exprType } from "../../python/render-expr.js";
import { bodyOf, callParts, descendants, dottedName, textOf } from "../../python/syntax-tree.js";
import type { RouterPlacement } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { Collection } from "./find-resources.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import { addToModule, boundNames } from "./module-edits.js";
import { literalSegments } from "./paths.js";
import type { Code } from "./python-types.js";
import { type ModelContext, renderModel } from "./render-models.js";
import type { Workspace } from "./workspace.js";

/** The models the handlers use, and where they were written. */
export interface ModelNames {
  input?: string;
  patch?: string;
  item?: string;
  /** Response models of custom endpoints, by endpoint. */
  custom: Map<EndpointPlan, { name: string; construct: boolean }>;
  /** Body models of custom endpoints that read a body, by endpoint. */
  customBody: Map<EndpointPlan, string>;
  /** Imports the router module needs for models written elsewhere. */
  imports: PyImport[];
  /** Model classes to write into the router module itself. */
  inline: string[];
  inlineImports: PyImport[];
  /** Where the models went, when not in the router module. */
  file?: string;
}

const MODEL_DIRS = /(^|\/)(models|schemas)$/;

function normalise(path: string): string {
  return path.replace(/`/g, "").replace(/^\.?\//, "").replace(/\/$/, "").trim();
}

/** The package the repository keeps its pydantic models in, the one the issue names first. */
function modelsDir(repo: FastapiRepo, blueprint: Blueprint): string | undefined {
  for (const hint of blueprint.understanding.hints.paths.map(normalise)) {
    if (MODEL_DIRS.test(hint)) return hint;
    if (hint.endsWith(".py") && MODEL_DIRS.test(posix.dirname(hint))) return posix.dirname(hint);
  }
  const dirs = repo.models.map((model) => posix.dirname(model.module.path)).filter((dir) => MODEL_DIRS.test(dir));
  return dirs.sort((a, b) => dirs.filter((d) => d === b).length - dirs.filter((d) => d === a).length)[0];
}

/** The model a collection's routes answer with (`response_model=Item`), to reuse. */
function existingItemModel(repo: FastapiRepo, collection: Collection | undefined): string | undefined {
  const route = collection?.routes.find((r) => r.role === "get" || r.role === "create")?.served.route;
  const node = route?.decorator.keywords.get("response_model");
  return node ? textOf(route!.module, node) : undefined;
}

function sameFields(a: FieldSpec[], b: FieldSpec[]): boolean {
  return a.map((f) => f.name).sort().join() === b.map((f) => f.name).sort().join();
}

function constructsModel(placement: RouterPlacement): boolean {
  const route = placement.mirror?.route;
  const model = route?.decorator.keywords.get("response_model");
  const body = route ? bodyOf(route.func) : undefined;
  if (!route || !model || !body) return false;
  const name = textOf(route.module, model);
  return descendants(body, "CallExpression").some((call) => dottedName(route.module, callParts(call)!.callee)?.join(".") === name);
}

function suffixOf(name: string | undefined): string {
  return /[A-Z][a-z0-9]*$/.exec(name ?? "")?.[0] ?? "Response";
}

function customFields(endpoint: EndpointPlan): FieldSpec[] | undefined {
  const value = endpoint.success.value;
  if (value.k !== "expr" || value.expr.k !== "object") return undefined;
  if (!value.expr.entries.every((entry) => isIdentifier(entry.key))) return undefined;
  return value.expr.entries.map((entry) => ({ name: entry.key, type: exprType(entry.value), required: true, nullable: false, constraints: {}, readOnly: false }));
}

export interface ModelInputs {
  repo: FastapiRepo;
  ws: Workspace;
  blueprint: Blueprint;
  placement: RouterPlacement;
  collection: Collection | undefined;
  quote: QuoteStyle;
}

type AddModel = (wanted: string, render: (name: string) => Code) => string;

/** New model classes as they are rendered: their code, their imports, and the names they took. */
interface ModelBlocks {
  blocks: string[];
  imports: PyImport[];
  written: string[];
  add: AddModel;
}

/** Collects new models under names free in both the models file and the router module. */
function modelBlocks(taken: Set<string>): ModelBlocks {
  const blocks: string[] = [];
  const imports: PyImport[] = [];
  const written: string[] = [];
  const add: AddModel = (wanted, render) => {
    const name = freeName(wanted, taken);
    const rendered = render(name);
    blocks.push(rendered.code);
    imports.push(...rendered.imports);
    taken.add(name);
    written.push(name);
    return name;
  };
  return { blocks, imports, written, add };
}

/** The file new models go to: one per resource (or the mirrored model's file) in the models package, or none. */
function modelsFile(repo: FastapiRepo, blueprint: Blueprint, placement: RouterPlacement): string | undefined {
  const resource = blueprint.resource;
  const dir = modelsDir(repo, blueprint);
  const mirrorModelPath = placement.mirror?.model?.module.path;
  if (resource) return dir ? posix.join(dir, `${resource.names.snakeSingular}.py`) : undefined;
  return mirrorModelPath ?? (dir ? posix.join(dir, `${literalSegments(blueprint.endpoints[0]?.path ?? "").pop() ?? "responses"}.py`) : undefined);
}

/** The resource's body, patch and item models: reused when the collection has them, else added. */
function resourceModels({ repo, blueprint, placement, collection }: ModelInputs, out: ModelNames, add: AddModel, ctx: ModelContext): void {
  const resource = blueprint.resource;
  if (!resource) return;
  const endpoints = blueprint.endpoints;
  // Only repositories that declare response models get one for the item; others answer dicts.
  const wantsItem = repo.style.responseModels;
  const needsInput = endpoints.some((e) => (e.role === "create" || e.role === "replace") && e.body);
  const needsPatch = endpoints.some((e) => e.role === "update" && e.body);
  const reuse = collection?.createModel && sameFields(collection.createModel.fields, resource.fields) ? collection.createModel : undefined;
  const base = resource.names.pascalSingular;
  const manual = new Set(endpoints.flatMap((e) => e.rules.filter((r) => r.where === "body" && (r.error.status !== 422 || r.error.body.kind !== "repo")).map((r) => r.field)));
  if (needsInput && reuse) {
    out.input = reuse.name;
    if (reuse.module.path !== placement.path) out.imports.push(projectImport(repo, placement.path, reuse.module.name, reuse.name));
  } else if (needsInput) {
    out.input = add(`${base}In`, (name) => renderModel({ name, base: "BaseModel", fields: resource.fields, partial: false, checkedByHandler: manual }, ctx));
  }
  if (needsPatch) out.patch = add(`${base}Patch`, (name) => renderModel({ name, base: "BaseModel", fields: resource.fields, partial: true, checkedByHandler: manual }, ctx));
  const existingItem = existingItemModel(repo, collection);
  if (existingItem) out.item = existingItem.replace(/^(List|list)\[(.*)\]$/, "$2");
  else if (wantsItem && endpoints.some((e) => e.success.value.k === "item" || e.success.value.k === "items")) {
    const idType = resource.idType === "integer" ? "integer" : "string";
    const id: FieldSpec = { name: resource.idName, type: idType, required: true, nullable: false, constraints: {}, readOnly: true };
    const parent = out.input && !reuse ? out.input : undefined;
    out.item = add(base, (name) =>
      parent ? renderModel({ name, base: parent, fields: [id], partial: false }, ctx) : renderModel({ name, base: "BaseModel", fields: [id, ...resource.fields], partial: false }, ctx),
    );
  }
}

/** Custom endpoints' body models, and their response models where the repository declares them. */
function customModels({ repo, blueprint, placement }: ModelInputs, out: ModelNames, add: AddModel, ctx: ModelContext): void {
  const mirrorModel = placement.mirror?.model ?? undefined;
  const mirrorRoute = placement.mirror?.route;
  const declares = mirrorRoute ? mirrorRoute.decorator.keywords.has("response_model") : repo.style.responseModels;
  for (const endpoint of blueprint.endpoints.filter((e) => e.role === "custom")) {
    if (endpoint.body && endpoint.body.length > 0) {
      const segment = literalSegments(endpoint.path).pop() ?? "Custom";
      const manual = new Set(endpoint.rules.filter((r) => r.where === "body" && (r.error.status !== 422 || r.error.body.kind !== "repo")).map((r) => r.field));
      const fieldsIn = endpoint.body;
      out.customBody.set(endpoint, add(`${pascalCase(segment)}In`, (name) => renderModel({ name, base: "BaseModel", fields: fieldsIn, partial: false, checkedByHandler: manual }, ctx)));
    }
    const fields = customFields(endpoint);
    if (!fields || !declares) continue;
    const segment = literalSegments(endpoint.path).pop() ?? "Custom";
    const name = add(`${pascalCase(segment)}${suffixOf(mirrorModel?.name)}`, (chosen) => renderModel({ name: chosen, base: "BaseModel", fields, partial: false }, ctx));
    out.custom.set(endpoint, { name, construct: constructsModel(placement) });
  }
}

/**
 * Writes the pydantic models: a body model (required fields without default), a partial one for
 * PATCH, and the item model with its id when the repository declares response models. They go
 * into the repository's models package when it has one, else into the router module.
 */
export function planModels(inputs: ModelInputs): ModelNames {
  const { repo, ws, placement, quote } = inputs;
  const out: ModelNames = { custom: new Map(), customBody: new Map(), imports: [], inline: [], inlineImports: [] };
  const target = modelsFile(repo, inputs.blueprint, placement) ?? placement.path;
  const made = modelBlocks(new Set([...boundNames(ws.read(target) ?? ""), ...boundNames(ws.read(placement.path) ?? "")]));
  const ctx = { style: repo.style, quote, major: repo.major };
  resourceModels(inputs, out, made.add, ctx);
  customModels(inputs, out, made.add, ctx);

  if (made.blocks.length === 0) return out;
  if (target === placement.path) {
    out.inline = made.blocks;
    out.inlineImports = made.imports;
    return out;
  }
  addToModule(repo, ws, target, made.blocks, made.imports);
  out.file = target;
  const modelModule = moduleOfPath(repo, target).name;
  for (const name of made.written) out.imports.push(projectImport(repo, placement.path, modelModule, name));
  return out;
}
