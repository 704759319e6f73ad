import type { EndpointRole, EndpointSpec, FieldSpec, HttpMethod, JsonValue, ParamSpec, TaskUnderstanding, ValueType } from "../../../understand/spec.js";

/**
 * What the template provider builds for one task on one repository, in no particular language:
 * the understanding of the issue resolved against what the repository already has. Every
 * framework writer renders the same blueprint; tests are derived from it too.
 */
export interface Blueprint {
  understanding: TaskUnderstanding;
  /** The collection the endpoints work on, when they work on one. */
  resource?: ResourcePlan;
  endpoints: EndpointPlan[];
  /** The new endpoints need the repository's authentication (`guard` names which, when known). */
  auth: AuthPlan;
}

export type AuthPlan = { required: false } | { required: true; guard: string };

/** Names made from the resource's words, for every naming convention a writer needs. */
export interface Names {
  /** `saved-searches` as in the path. */
  segment: string;
  camelSingular: string;
  camelPlural: string;
  pascalSingular: string;
  pascalPlural: string;
  snakeSingular: string;
  snakePlural: string;
  kebabSingular: string;
  kebabPlural: string;
  /** For prose: "saved search", "saved searches". */
  singularWords: string;
  pluralWords: string;
}

export interface ResourcePlan {
  names: Names;
  /** Full path of the collection: `/api/v1/quotes`. */
  basePath: string;
  idName: string;
  idType: "integer" | "string" | "uuid";
  /** Fields a client sends (the id and other read-only fields left out). */
  fields: FieldSpec[];
  /** `new`: the writer makes an in-memory store; `existing`: the repository's store for this collection. */
  store: "new" | "existing";
}

/**
 * A value computed for a response, in no particular language; writers render it in JavaScript or
 * Python. Inputs are the request's parameters after defaults were applied.
 */
export type Expr =
  | { k: "literal"; value: JsonValue }
  | { k: "input"; name: string; from: "path" | "query" | "body"; type: ValueType }
  /** Strings joined: `"Hello, " + name + "!"`. */
  | { k: "concat"; parts: Expr[] }
  /** Characters of a string, or elements of an array. */
  | { k: "length"; of: Expr }
  | { k: "reverse"; of: Expr }
  | { k: "upper"; of: Expr }
  | { k: "lower"; of: Expr }
  | { k: "palindrome"; of: Expr; ignoreCase: boolean }
  | { k: "arith"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr }
  /** A random integer between the bounds, both included. */
  | { k: "randomInt"; min: Expr; max: Expr }
  /** Seconds since the process started, as a number with a fraction. */
  | { k: "uptime" }
  | { k: "now"; as: "iso" | "epochMs" | "epochSeconds" }
  /** A constant the repository defines (`APP_NAME` in `core/config.py`). */
  | { k: "constant"; file: string; name: string; value: JsonValue }
  /** The number of items in the resource's store. */
  | { k: "count" }
  | { k: "object"; entries: { key: string; value: Expr }[] };

/** The body of an error response. */
export type ErrorBody =
  /** The shape the issue shows; `free` keys get the message. */
  | { kind: "stated"; example: JsonValue; free: string[] }
  /** Whatever the repository's own error mechanism produces for the status. */
  | { kind: "repo" };

export interface ErrorPlan {
  status: number;
  body: ErrorBody;
  /** A message for people: "name must be at most 50 characters". */
  message: string;
}

export type RuleKind = "required" | "type" | "minLength" | "maxLength" | "minimum" | "maximum" | "format" | "contains" | "enum";

/** One rule on one input, and what breaking it answers. */
export interface ValidationRule {
  where: "body" | "path" | "query";
  field: string;
  rule: RuleKind;
  /** The bound or the value of the rule: 50 for maxLength, "email" for format, "@" for contains. */
  value?: JsonValue;
  error: ErrorPlan;
}

export type SuccessValue =
  | { k: "item" }
  | { k: "items" }
  | { k: "none" }
  | { k: "expr"; expr: Expr };

export interface EndpointPlan {
  method: HttpMethod;
  /** Full path, Express style. */
  path: string;
  role: EndpointRole;
  params: ParamSpec[];
  query: ParamSpec[];
  /** Fields read from the body; for `update` every field is optional. */
  body?: FieldSpec[];
  /** Every rule on the inputs, in the order a person would check them. */
  rules: ValidationRule[];
  /** The outcome of a body or parameter that breaks a rule no outcome of its own names. */
  invalid: ErrorPlan;
  /** For item routes: the answer when the id is unknown. */
  notFound?: ErrorPlan;
  success: { status: number; value: SuccessValue };
  /** The issue's own words and outcomes, for tests and reports. */
  spec: EndpointSpec;
}

export type { EndpointRole, FieldSpec, HttpMethod, JsonValue, ParamSpec, ValueType };
