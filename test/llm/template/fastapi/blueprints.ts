import type { Constraints, EndpointSpec, Hints, TaskUnderstanding } from "../../../../src/understand/spec.js";
import type { AuthPlan, Blueprint, EndpointPlan, EndpointRole, ErrorPlan, Expr, FieldSpec, HttpMethod, Names, ParamSpec, ResourcePlan, SuccessValue, ValidationRule } from "../../../../src/llm/template/blueprint/blueprint.js";
import type { Check, SavedRef, TestCase, TestStep } from "../../../../src/llm/template/testgen/test-plan.js";

const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function names(singular: string[], plural: string[]): Names {
  const camel = (ws: string[]) => ws.map((w, i) => (i === 0 ? w : cap(w))).join("");
  return {
    segment: plural.join("-"),
    camelSingular: camel(singular),
    camelPlural: camel(plural),
    pascalSingular: singular.map(cap).join(""),
    pascalPlural: plural.map(cap).join(""),
    snakeSingular: singular.join("_"),
    snakePlural: plural.join("_"),
    kebabSingular: singular.join("-"),
    kebabPlural: plural.join("-"),
    singularWords: singular.join(" "),
    pluralWords: plural.join(" "),
  };
}

export function field(name: string, type: FieldSpec["type"], required: boolean, constraints: Constraints = {}, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name, type, required, nullable: false, constraints, readOnly: false, ...extra };
}

export function pathParam(name: string, type: ParamSpec["type"], constraints: Constraints = {}): ParamSpec {
  return { name, in: "path", type, required: true, constraints };
}

export function queryParam(name: string, type: ParamSpec["type"], extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, in: "query", type, required: false, constraints: {}, ...extra };
}

export const REPO_422: ErrorPlan = { status: 422, body: { kind: "repo" }, message: "The request is not valid." };

export function stated(status: number, message: string): ErrorPlan {
  return { status, body: { kind: "stated", example: { error: "..." }, free: ["error"] }, message };
}

export function repoError(status: number, message: string): ErrorPlan {
  return { status, body: { kind: "repo" }, message };
}

function spec(method: HttpMethod, path: string, role: EndpointRole): EndpointSpec {
  return { method, path, role, params: [], query: [], status: 200, statusStated: false, response: { kind: "unknown" }, outcomes: [], examples: [], text: `${method} ${path}` };
}

export interface EndpointInput {
  method: HttpMethod;
  path: string;
  role: EndpointRole;
  params?: ParamSpec[];
  query?: ParamSpec[];
  body?: FieldSpec[];
  rules?: ValidationRule[];
  invalid?: ErrorPlan;
  notFound?: ErrorPlan;
  status?: number;
  value: SuccessValue;
}

export function endpoint(input: EndpointInput): EndpointPlan {
  return {
    method: input.method,
    path: input.path,
    role: input.role,
    params: input.params ?? [],
    query: input.query ?? [],
    ...(input.body ? { body: input.body } : {}),
    rules: input.rules ?? [],
    invalid: input.invalid ?? REPO_422,
    ...(input.notFound ? { notFound: input.notFound } : {}),
    success: { status: input.status ?? 200, value: input.value },
    spec: spec(input.method, input.path, input.role),
  };
}

export function understanding(summary: string, hints: Partial<Hints> = {}): TaskUnderstanding {
  return { summary, endpoints: [], storage: { kind: "memory" }, auth: { kind: "unspecified" }, hints: { paths: [], names: [], libraries: [], ...hints } };
}

export function requiredRules(fields: FieldSpec[], error: ErrorPlan = REPO_422): ValidationRule[] {
  return fields.filter((f) => f.required).map((f) => ({ where: "body" as const, field: f.name, rule: "required" as const, error: { ...error, message: `${f.name} is required` } }));
}

/** A CRUD blueprint over a resource: one endpoint per role asked for. */
export function crud(options: {
  resource: ResourcePlan;
  roles: EndpointRole[];
  auth: AuthPlan;
  hints?: Partial<Hints>;
  rules?: ValidationRule[];
  invalid?: ErrorPlan;
  notFound: ErrorPlan;
}): Blueprint {
  const { resource, roles } = options;
  const base = resource.basePath;
  const item = `${base}/:${resource.idName}`;
  const id = pathParam(resource.idName, resource.idType === "integer" ? "integer" : "string");
  const body = resource.fields;
  const partial = body.map((f) => ({ ...f, required: false }));
  const rules = options.rules ?? requiredRules(body);
  const invalid = options.invalid ?? REPO_422;
  const make: Record<string, () => EndpointPlan> = {
    list: () => endpoint({ method: "GET", path: base, role: "list", value: { k: "items" } }),
    create: () => endpoint({ method: "POST", path: base, role: "create", body, rules, invalid, status: 201, value: { k: "item" } }),
    get: () => endpoint({ method: "GET", path: item, role: "get", params: [id], notFound: options.notFound, value: { k: "item" } }),
    replace: () => endpoint({ method: "PUT", path: item, role: "replace", params: [id], body, rules, invalid, notFound: options.notFound, value: { k: "item" } }),
    update: () =>
      endpoint({ method: "PATCH", path: item, role: "update", params: [id], body: partial, rules: rules.filter((r) => r.rule !== "required"), invalid, notFound: options.notFound, value: { k: "item" } }),
    delete: () => endpoint({ method: "DELETE", path: item, role: "delete", params: [id], notFound: options.notFound, status: 204, value: { k: "none" } }),
  };
  return {
    understanding: understanding(`Add ${resource.names.pluralWords} under ${base}`, options.hints),
    resource,
    endpoints: roles.map((role) => make[role]!()),
    auth: options.auth,
  };
}

export function custom(options: { endpoints: EndpointPlan[]; auth: AuthPlan; hints?: Partial<Hints>; resource?: ResourcePlan }): Blueprint {
  return {
    understanding: understanding(`Add ${options.endpoints.map((e) => `${e.method} ${e.path}`).join(", ")}`, options.hints),
    ...(options.resource ? { resource: options.resource } : {}),
    endpoints: options.endpoints,
    auth: options.auth,
  };
}

// ---- expressions

export const input = (name: string, type: FieldSpec["type"] = "string", from: "path" | "query" | "body" = "path"): Expr => ({ k: "input", name, from, type });
export const object = (entries: Record<string, Expr>): Expr => ({ k: "object", entries: Object.entries(entries).map(([key, value]) => ({ key, value })) });

// ---- test steps

export function ref(saved: string, ...path: string[]): SavedRef {
  return { saved, path };
}

export function step(method: HttpMethod, path: (string | SavedRef)[], checks: Check[], extra: Partial<TestStep["request"]> & { save?: string } = {}): TestStep {
  const { save, ...request } = extra;
  return { request: { method, path, auth: "none", ...request }, checks, ...(save ? { save } : {}) };
}

export function status(code: number): Check {
  return { k: "status", status: code };
}

export function equals(path: string[], value: unknown): Check {
  return { k: "equals", path, to: { k: "json", value: value as never } };
}

export function testCase(name: string, ...steps: TestStep[]): TestCase {
  return { name, steps };
}
