import type { FieldSpec } from "../../../../understand/spec.js";
import type { EndpointPlan } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import type { QuoteStyle } from "../../python/python-literal.js";
import type { RepoStyle } from "./fastapi-repo.js";
import type { PydanticMajor } from "./pydantic-models.js";
import type { Code } from "./python-types.js";
import type { StoreAccess } from "./render-store.js";

/** The part of a guard plan a handler renders. */
export interface PlanGuardResult {
  param?: string;
  /** The parameter has a default (`= Depends(...)`), so it goes after those without. */
  paramHasDefault?: boolean;
  dependency?: { text: string; on: "decorator" | "router" | "include" };
  imports: PyImport[];
}

/** Everything a handler needs besides its endpoint. */
export interface HandlerSetup {
  style: RepoStyle;
  quote: QuoteStyle;
  major: PydanticMajor;
  receiver: string;
  /** The full prefix of the receiver, Express style, stripped from endpoint paths. */
  prefix: string;
  funcName: string;
  isAsync: boolean;
  /** The item variable of resource handlers: `listing`. */
  itemVar: string;
  id?: { spec: string; name: string; annotation: string };
  store?: StoreAccess;
  /** Body models: for create and replace, and for partial updates. */
  inputModel?: string;
  patchModel?: string;
  /** The body model of a custom endpoint. */
  customBodyModel?: string;
  /** The item model, used as `response_model` or return annotation as the repository does. */
  itemModel?: string;
  /** The custom endpoint's response model, built from the value's entries. */
  customModel?: { name: string; construct: boolean };
  /** A function of a logic module the handler delegates a custom value to. */
  logic?: { call: string };
  bodyName: string;
  guard?: PlanGuardResult;
  /** Decorator keywords copied from the route mirrored (`tags=[...]`, `name=...`), in its order. */
  extraKeywords: [string, string][];
  constant(file: string, name: string): string;
}

/** The fields a request body carries. */
export function bodyFields(endpoint: EndpointPlan): FieldSpec[] {
  return endpoint.body ?? [];
}

/** Body lines of a handler being built, with the imports they need. */
export interface Lines {
  lines: string[];
  imports: PyImport[];
}

export function push(into: Lines, code: Code | string): void {
  if (typeof code === "string") into.lines.push(code);
  else {
    into.lines.push(...code.code.split("\n"));
    into.imports.push(...code.imports);
  }
}
