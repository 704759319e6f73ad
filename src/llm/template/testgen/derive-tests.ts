import type { Blueprint, EndpointPlan, EndpointRole, ErrorPlan, FieldSpec, JsonValue, ResourcePlan, ValidationRule } from "../blueprint/blueprint.js";
import { brokenPhrase } from "../blueprint/broken-phrase.js";
import { checksFor } from "./expected-checks.js";
import { breaking, sampleParam, sampleValue } from "./sample-values.js";
import type { Check, SavedRef, TestCase, TestRequest, TestStep } from "./test-plan.js";

const idOf = (ctx: Context, resource: ResourcePlan): SavedRef => ({ saved: "created", path: [...ctx.dataPath, resource.idName] });
/** A path into an item or a list, inside the repository's envelope when it has one. */
const at = (ctx: Context, path: string[]): string[] => [...ctx.dataPath, ...path];

interface Context {
  bp: Blueprint;
  /** Roles the collection serves once the change is in: the new endpoints and the existing routes. */
  roles: Set<EndpointRole>;
  auth: "valid" | "none";
  /** Where items and lists sit in success answers: `["data"]` in a repository that wraps them. */
  dataPath: string[];
}

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function itemPath(resource: ResourcePlan, id: string | SavedRef): (string | SavedRef)[] {
  return [...segments(resource.basePath), id];
}

function unknownId(resource: ResourcePlan): string {
  return resource.idType === "integer" ? "999999" : resource.idType === "uuid" ? "00000000-0000-4000-8000-000000000000" : "does-not-exist";
}

function body(fields: FieldSpec[], variant: 0 | 1, only?: (f: FieldSpec) => boolean): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const f of fields) if (!only || only(f)) out[f.name] = sampleValue(f, variant);
  return out;
}

function errorChecks(error: ErrorPlan): Check[] {
  const checks: Check[] = [{ k: "status", status: error.status }];
  if (error.body.kind !== "stated" || typeof error.body.example !== "object" || error.body.example === null || Array.isArray(error.body.example)) return checks;
  for (const [key, value] of Object.entries(error.body.example)) {
    if (error.body.free.includes(key)) checks.push({ k: "has", path: [key] });
    else checks.push({ k: "equals", path: [key], to: { k: "json", value } });
  }
  return checks;
}

function fieldChecks(ctx: Context, sent: Record<string, JsonValue>): Check[] {
  return Object.entries(sent).map(([key, value]) => ({ k: "equals", path: at(ctx, [key]), to: { k: "json", value } }) as Check);
}

function createStep(ctx: Context, resource: ResourcePlan): TestStep {
  return { request: { method: "POST", path: segments(resource.basePath), body: body(resource.fields, 0), auth: ctx.auth }, checks: [{ k: "status", status: createStatus(ctx) }], save: "created" };
}

function createStatus(ctx: Context): number {
  return ctx.bp.endpoints.find((e) => e.role === "create")?.success.status ?? 201;
}

function canCreate(ctx: Context): boolean {
  return ctx.roles.has("create") && (ctx.bp.resource?.fields.length ?? 0) > 0;
}

function request(ctx: Context, ep: EndpointPlan, path: (string | SavedRef)[], extra: Partial<TestRequest> = {}): TestRequest {
  return { method: ep.method, path, auth: ctx.auth, ...extra };
}

function ruleCase(ctx: Context, ep: EndpointPlan, rule: ValidationRule, path: (string | SavedRef)[], arrange: TestStep[]): TestCase | undefined {
  if (rule.where !== "body") return undefined;
  const fields = ep.body ?? [];
  const field = fields.find((f) => f.name === rule.field);
  if (!field) return undefined;
  const sent = ep.role === "update" ? { [field.name]: sampleValue(field, 0) } : body(fields, 0, (f) => f.required || f.default === undefined);
  const bad = breaking(rule, field.type);
  if (bad === undefined) delete sent[field.name];
  else sent[field.name] = bad;
  const what = brokenPhrase(rule);
  const steps = [...arrange, { request: request(ctx, ep, path, { body: sent }), checks: errorChecks(rule.error) }];
  return { name: `${ep.method} ${ep.path} answers ${rule.error.status} when ${what}`, steps };
}

/** What the tests of one CRUD endpoint share: its route, the item to arrange, and its not-found and rule cases. */
interface CrudScope {
  ctx: Context;
  ep: EndpointPlan;
  resource: ResourcePlan;
  route: string;
  /** Creates the item the test reads, when the collection can create one. */
  arrange: TestStep[];
  item: (string | SavedRef)[];
  notFound: TestCase[];
  rules: (list: ValidationRule[]) => TestCase[];
}

/** The shared parts of one CRUD endpoint's tests. */
function crudScope(ctx: Context, ep: EndpointPlan, resource: ResourcePlan): CrudScope {
  const route = `${ep.method} ${ep.path}`;
  const arrange = canCreate(ctx) ? [createStep(ctx, resource)] : [];
  const item = itemPath(resource, idOf(ctx, resource));
  const missing = itemPath(resource, unknownId(resource));
  const fields = resource.fields;
  const notFound = ep.notFound ? [{ name: `${route} answers ${ep.notFound.status} for an unknown id`, steps: [{ request: request(ctx, ep, missing, ep.body ? { body: body(ep.role === "update" ? fields.slice(0, 1) : fields, 1) } : {}), checks: errorChecks(ep.notFound) }] }] : [];
  const rules = (list: ValidationRule[]) => list.map((r) => ruleCase(ctx, ep, r, ep.role === "create" ? segments(resource.basePath) : item, ep.role === "create" ? [] : arrange)).filter((c): c is TestCase => c !== undefined);
  return { ctx, ep, resource, route, arrange, item, notFound, rules };
}

/** A create answers with the item, fills in defaults left out, and refuses bodies that break a rule. */
function createCases({ ctx, ep, resource, route, rules }: CrudScope): TestCase[] {
  const fields = resource.fields;
  const sent = body(fields, 0);
  const cases: TestCase[] = [{ name: `${route} creates ${article(resource.names.singularWords)} ${resource.names.singularWords} and answers ${ep.success.status}`, steps: [{ request: request(ctx, ep, segments(resource.basePath), { body: sent }), checks: [{ k: "status", status: ep.success.status }, { k: "has", path: at(ctx, [resource.idName]) }, ...fieldChecks(ctx, sent)], save: "created" }] }];
  const defaulted = fields.filter((f) => f.default !== undefined);
  if (defaulted.length > 0) {
    const minimal = body(fields, 0, (f) => f.default === undefined);
    cases.push({ name: `${route} fills in ${defaulted.map((f) => `\`${f.name}\``).join(" and ")} when left out`, steps: [{ request: request(ctx, ep, segments(resource.basePath), { body: minimal }), checks: [{ k: "status", status: ep.success.status }, ...defaulted.map((f) => ({ k: "equals", path: at(ctx, [f.name]), to: { k: "json", value: f.default! } }) as Check)] }] });
  }
  return [...cases, ...rules(ep.rules)];
}

/** A list answers an array holding the item arranged before. */
function listCase({ ctx, ep, resource, route, arrange }: CrudScope): TestCase {
  return { name: `${route} lists the ${resource.names.pluralWords}`, steps: [...arrange, { request: request(ctx, ep, segments(resource.basePath)), checks: [{ k: "status", status: ep.success.status }, { k: "type", path: at(ctx, []), type: "array" }, ...(arrange.length > 0 ? [{ k: "containsWhere", path: at(ctx, []), key: resource.idName, to: { k: "saved", ref: idOf(ctx, resource) } } as Check] : [])] }] };
}

/** A get answers the item arranged before, and the not-found answer for an unknown id. */
function getCases({ ctx, ep, resource, route, arrange, item, notFound }: CrudScope): TestCase[] {
  const found: TestCase[] = arrange.length > 0 ? [{ name: `${route} answers the ${resource.names.singularWords}`, steps: [...arrange, { request: request(ctx, ep, item), checks: [{ k: "status", status: ep.success.status }, { k: "equals", path: at(ctx, [resource.idName]), to: { k: "saved", ref: idOf(ctx, resource) } }, ...fieldChecks(ctx, body(resource.fields, 0))] }] }] : [];
  return [...found, ...notFound];
}

/** An update or replace changes the item (read back when it can be), answers not-found, and checks two body rules. */
function changeCases({ ctx, ep, resource, route, arrange, item, notFound, rules }: CrudScope): TestCase[] {
  const fields = resource.fields;
  const sent = ep.role === "update" ? body(fields.slice(0, 1), 1) : body(fields, 1);
  const after = ctx.roles.has("get") ? [{ request: { method: "GET" as const, path: item, auth: ctx.auth }, checks: [{ k: "status", status: 200 } as Check, ...fieldChecks(ctx, sent)] }] : [];
  const changed: TestCase[] = arrange.length > 0 ? [{ name: `${route} ${ep.role === "update" ? "changes" : "replaces"} the ${resource.names.singularWords}`, steps: [...arrange, { request: request(ctx, ep, item, { body: sent }), checks: [{ k: "status", status: ep.success.status }, { k: "equals", path: at(ctx, [resource.idName]), to: { k: "saved", ref: idOf(ctx, resource) } }, ...fieldChecks(ctx, sent)] }, ...after] }] : [];
  return [...changed, ...notFound, ...(arrange.length > 0 ? rules(ep.rules.filter((r) => r.where === "body")).slice(0, 2) : [])];
}

/** A delete removes the item (gone from a get or the list afterwards) and answers not-found. */
function deleteCases({ ctx, ep, resource, route, arrange, item, notFound }: CrudScope): TestCase[] {
  const gone = ctx.roles.has("get")
    ? [{ request: { method: "GET" as const, path: item, auth: ctx.auth }, checks: [{ k: "status", status: ep.notFound?.status ?? 404 } as Check] }]
    : ctx.roles.has("list")
      ? [{ request: { method: "GET" as const, path: segments(resource.basePath), auth: ctx.auth }, checks: [{ k: "status", status: 200 } as Check, { k: "lacksWhere", path: at(ctx, []), key: resource.idName, to: { k: "saved", ref: idOf(ctx, resource) } } as Check] }]
      : [];
  const deleted: TestCase[] = arrange.length > 0 ? [{ name: `${route} deletes the ${resource.names.singularWords}`, steps: [...arrange, { request: request(ctx, ep, item), checks: [{ k: "status", status: ep.success.status }] }, ...gone] }] : [];
  return [...deleted, ...notFound];
}

/** A count follows creations (and deletions), and matches the length of the list. */
function countCases({ ctx, ep, resource, route, arrange, item }: CrudScope): TestCase[] {
  const cases: TestCase[] = [];
  const key = ep.success.value.k === "expr" && ep.success.value.expr.k === "object" ? ep.success.value.expr.entries[0]!.key : "count";
  const countPath = segments(ep.path);
  const read = (checks: Check[], save?: string): TestStep => ({ request: request(ctx, ep, countPath), checks: [{ k: "status", status: ep.success.status }, ...checks], ...(save ? { save } : {}) });
  const before: SavedRef = { saved: "before", path: [key] };
  if (arrange.length > 0) {
    const removal = ctx.roles.has("delete")
      ? [{ request: { method: "DELETE" as const, path: item, auth: ctx.auth }, checks: [{ k: "status", status: 204 } as Check] }, read([{ k: "equals", path: [key], to: { k: "saved", ref: before } }])]
      : [];
    cases.push({ name: `${route} follows creations${removal.length > 0 ? " and deletions" : ""}`, steps: [read([{ k: "type", path: [key], type: "integer" }], "before"), ...arrange, read([{ k: "equals", path: [key], to: { k: "savedPlus", ref: before, n: 1 } }]), ...removal] });
  }
  if (ctx.roles.has("list")) {
    cases.push({ name: `${route} matches the length of the list`, steps: [{ request: { method: "GET", path: segments(resource.basePath), auth: ctx.auth }, checks: [{ k: "status", status: 200 }], save: "list" }, read([{ k: "equals", path: [key], to: { k: "savedLength", ref: { saved: "list", path: at(ctx, []) } } }])] });
  }
  return cases;
}

/** The tests of a CRUD endpoint, by its role. */
function crudCases(ctx: Context, ep: EndpointPlan, resource: ResourcePlan): TestCase[] {
  const scope = crudScope(ctx, ep, resource);
  switch (ep.role) {
    case "create":
      return createCases(scope);
    case "list":
      return [listCase(scope)];
    case "get":
      return getCases(scope);
    case "replace":
    case "update":
      return changeCases(scope);
    case "delete":
      return deleteCases(scope);
    case "count":
      return countCases(scope);
    default:
      return [];
  }
}

function customCases(ctx: Context, ep: EndpointPlan): TestCase[] {
  const value = ep.success.value;
  const examples = ep.spec.examples.length > 0 ? ep.spec.examples : [{ params: {}, response: null }];
  const inputs = [...ep.params, ...ep.query];
  const cases: TestCase[] = [];
  for (const example of examples) {
    const given = example.params;
    // A body the example shows, else one made from the fields the endpoint reads.
    const sent = ep.body && ep.body.length > 0 ? (example.body ?? body(ep.body, 0)) : undefined;
    const sentValues = sent && typeof sent === "object" && !Array.isArray(sent) ? Object.fromEntries(Object.entries(sent).filter(([, v]) => typeof v === "string" || typeof v === "number").map(([k, v]) => [k, String(v)])) : {};
    const bindings: Record<string, string> = { ...sentValues, ...given };
    for (const p of ep.params) bindings[p.name] ??= echoed(ep, p.name) ?? sampleParam(p);
    for (const q of ep.query) if (bindings[q.name] === undefined && q.default !== undefined) bindings[q.name] = String(q.default);
    const path = fillPath(ep.path, bindings);
    const query = ep.query.filter((q) => given[q.name] !== undefined).map((q) => [q.name, given[q.name]!] as [string, string]);
    const checks: Check[] = [{ k: "status", status: ep.success.status }, ...(value.k === "expr" ? checksFor(value.expr, bindings) : [])];
    const shown = query.length > 0 ? `?${query.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
    cases.push({ name: `${ep.method} ${path.length > 0 ? `/${path.join("/")}` : "/"}${shown} answers ${ep.success.status}`, steps: [{ request: { method: ep.method, path, ...(query.length > 0 ? { query } : {}), ...(sent !== undefined ? { body: sent } : {}), auth: ctx.auth }, checks }] });
  }
  for (const rule of ep.rules) {
    if (rule.where === "body") {
      const found = ruleCase(ctx, ep, rule, fillPath(ep.path, Object.fromEntries(ep.params.map((p) => [p.name, sampleParam(p)]))), []);
      if (found) cases.push(found);
      continue;
    }
    const target = inputs.find((p) => p.name === rule.field);
    if (!target) continue;
    const bad = breaking(rule, target.type);
    if (bad === undefined) continue;
    const bindings: Record<string, string> = {};
    for (const p of ep.params) bindings[p.name] = p.name === rule.field ? String(bad) : sampleParam(p);
    const query: [string, string][] = rule.where === "query" ? [[rule.field, String(bad)]] : [];
    cases.push({ name: `${ep.method} ${ep.path} answers ${rule.error.status} when ${brokenPhrase(rule)}`, steps: [{ request: { method: ep.method, path: fillPath(ep.path, bindings), ...(query.length > 0 ? { query } : {}), auth: ctx.auth }, checks: errorChecks(rule.error) }] });
    const edge = boundary(rule);
    if (edge !== undefined) {
      const okBindings = { ...bindings, [rule.field]: edge };
      const okQuery: [string, string][] = rule.where === "query" ? [[rule.field, edge]] : [];
      cases.push({ name: `${ep.method} ${ep.path} still accepts ${rule.rule === "maxLength" ? `a ${rule.field} of ${String(rule.value)} characters` : `${rule.field} = ${edge}`}`, steps: [{ request: { method: ep.method, path: fillPath(ep.path, okBindings), ...(okQuery.length > 0 ? { query: okQuery } : {}), auth: ctx.auth }, checks: [{ k: "status", status: ep.success.status }] }] });
    }
  }
  return cases;
}

/** A saved body nothing reads later is not saved: strict compilers reject unused variables. */
function dropUnusedSaves(c: TestCase): void {
  c.steps.forEach((step, i) => {
    if (!step.save) return;
    const later = JSON.stringify(c.steps.slice(i + 1));
    if (!later.includes(`"saved":"${step.save}"`)) delete step.save;
  });
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}

/** The value at the edge of a bound, which must still pass. */
function boundary(rule: ValidationRule): string | undefined {
  if (typeof rule.value !== "number") return undefined;
  if (rule.rule === "maxLength") return "y".repeat(rule.value);
  if (rule.rule === "maximum" || rule.rule === "minimum") return String(rule.value);
  return undefined;
}

function echoed(ep: EndpointPlan, name: string): string | undefined {
  const example = ep.spec.response.kind === "example" ? ep.spec.response.example : undefined;
  const v = example && typeof example === "object" && !Array.isArray(example) ? example[name] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
}

function fillPath(path: string, bindings: Record<string, string>): string[] {
  return segments(path).map((s) => (s.startsWith(":") ? (bindings[s.slice(1)] ?? "1") : s));
}

function authCase(ctx: Context): TestCase[] {
  if (!ctx.bp.auth.required) return [];
  const ep = ctx.bp.endpoints[0]!;
  const stated = ctx.bp.endpoints.flatMap((e) => e.spec.outcomes).find((o) => o.when.kind === "unauthenticated");
  const path = ep.params.length > 0 ? fillPath(ep.path, Object.fromEntries(ep.params.map((p) => [p.name, ep.role === "custom" ? sampleParam(p) : "1"]))) : segments(ep.path);
  // Unstated, a refusal is any of the statuses guards answer without credentials (a missing header is often 400 or 422).
  const check: Check = stated ? { k: "status", status: stated.status } : { k: "statusOneOf", statuses: [400, 401, 403, 422] };
  const sent = ep.body ? { body: body(ep.body, 0) } : {};
  return [{ name: `${ep.method} ${ep.path} refuses a request without credentials`, steps: [{ request: { method: ep.method, path, ...sent, auth: "none" }, checks: [check] }] }];
}

/**
 * The tests a blueprint's endpoints owe the issue: every success with its status and body, every
 * stated error with its condition, status and body, defaults, and authentication. `existingRoles`
 * are the roles the collection already serves, used to arrange data (create before reading).
 */
export function deriveTests(bp: Blueprint, existingRoles: EndpointRole[] = [], envelope: string[] = []): TestCase[] {
  const ctx: Context = { bp, roles: new Set([...existingRoles, ...bp.endpoints.map((e) => e.role)]), auth: bp.auth.required ? "valid" : "none", dataPath: envelope };
  const cases: TestCase[] = [];
  for (const ep of bp.endpoints) {
    if (ep.role === "custom" || !bp.resource) cases.push(...customCases(ctx, ep));
    else cases.push(...crudCases(ctx, ep, bp.resource));
  }
  cases.push(...authCase(ctx));
  for (const c of cases) dropUnusedSaves(c);
  // Names are test titles: keep each one once.
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} (${n})` };
  });
}
