import type { Constraints, FieldSpec, JsonValue, ParamSpec, ValueType } from "./spec.js";
import type { FieldFacts } from "./field-facts.js";

/** Everything the issue says about one field or parameter, gathered before it becomes a spec. */
export interface FieldDraft {
  name: string;
  type?: ValueType;
  typeFrom?: "declared" | "example";
  required?: boolean;
  requiredStated: boolean;
  nullable: boolean;
  default?: { value: JsonValue };
  constraints: Constraints;
  example?: JsonValue;
  readOnly: boolean;
  isId: boolean;
  positive: boolean;
}

/** Drafts by name, in the order the issue first names them. */
export type Drafts = Map<string, FieldDraft>;

/** "`phone` is optional" after "`phone` is required": the issue contradicts itself. */
export interface Clash {
  name: string;
  kind: "required";
}

const INTEGER_NAMES =
  /^(count|year|price|quantity|qty|age|total|rating|position|amount|stock|pages|page_count|score|rank|votes|likes|views|duration|minutes|seconds|hours|days|bedrooms|bathrooms|sides|num|number|index|order|port|limit|offset|page|size|level|stars|capacity|floor|.*_count|.*Count|.*_year)$/i;
const BOOLEAN_NAMES = /^(done|completed|complete|active|enabled|disabled|published|archived|visible|read|available|verified|deleted|pinned|starred|favorite|favourite|public|private|paid|(is|has|can)_\w+|(is|has|can)[A-Z]\w*)$/;
const READ_ONLY_NAMES = /^(created_?at|updated_?at|createdAt|updatedAt)$/;

export function typeFromName(name: string): ValueType {
  if (BOOLEAN_NAMES.test(name)) return "boolean";
  if (INTEGER_NAMES.test(name)) return "integer";
  return "string";
}

export function emptyDraft(name: string): FieldDraft {
  return { name, requiredStated: false, nullable: false, constraints: {}, readOnly: false, isId: false, positive: false };
}

function mergeType(draft: FieldDraft, facts: FieldFacts): void {
  if (!facts.type || facts.type === "unknown") return;
  const declared = facts.typeFrom === "declared";
  const refines = draft.type === "number" && facts.type === "integer";
  if (!draft.type || draft.type === "unknown" || refines || (declared && draft.typeFrom !== "declared")) {
    draft.type = facts.type;
    draft.typeFrom = facts.typeFrom ?? "example";
  }
}

function mergeRequired(draft: FieldDraft, facts: FieldFacts, clashes: Clash[]): void {
  if (facts.required === undefined) return;
  if (facts.requiredStated) {
    if (draft.requiredStated && draft.required !== facts.required) clashes.push({ name: draft.name, kind: "required" });
    draft.required = facts.required;
    draft.requiredStated = true;
  } else if (!draft.requiredStated) draft.required ??= facts.required;
}

/** Adds one statement's facts to the draft of `name`, creating it when new. */
export function addFacts(drafts: Drafts, name: string, facts: FieldFacts, clashes: Clash[] = []): FieldDraft {
  const draft = drafts.get(name) ?? emptyDraft(name);
  drafts.set(name, draft);
  mergeType(draft, facts);
  mergeRequired(draft, facts, clashes);
  if (facts.nullable) draft.nullable = true;
  if (facts.default && !draft.default) draft.default = facts.default;
  // The first statement of a rule wins; later ones only fill what is missing.
  draft.constraints = { ...(facts.constraints ?? {}), ...draft.constraints };
  if (facts.example !== undefined && draft.example === undefined) draft.example = facts.example;
  if (facts.readOnly) draft.readOnly = true;
  if (facts.isId) draft.isId = true;
  if (facts.positive) draft.positive = true;
  return draft;
}

function finalType(draft: FieldDraft): ValueType {
  if (draft.type && draft.type !== "unknown") return draft.type;
  const value = draft.default?.value;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (Array.isArray(value)) return "array";
  return typeFromName(draft.name);
}

function finalConstraints(draft: FieldDraft, type: ValueType): Constraints {
  const constraints = { ...draft.constraints };
  if (draft.positive && constraints.minimum === undefined && type === "integer") constraints.minimum = 1;
  return constraints;
}

/** `sent`: a request body shows this field, so the client chooses it (a slug), unless words say the server assigns it. */
export function finishField(draft: FieldDraft, idName: string, sent = false): FieldSpec {
  const type = finalType(draft);
  const readOnly = draft.readOnly || (!sent && (draft.isId || draft.name === idName || READ_ONLY_NAMES.test(draft.name)));
  const implied = draft.default !== undefined || draft.nullable ? false : (draft.required ?? true);
  const required = readOnly ? false : draft.requiredStated ? (draft.required ?? true) : implied;
  const field: FieldSpec = { name: draft.name, type, required, nullable: draft.nullable, constraints: finalConstraints(draft, type), readOnly };
  if (draft.default) field.default = draft.default.value;
  if (draft.example !== undefined) field.example = draft.example;
  return field;
}

/** Parameters are strings unless the issue says otherwise (a type, or a default of another kind): names alone do not make numbers of them. */
export function finishParam(draft: FieldDraft, where: ParamSpec["in"], required: boolean): ParamSpec {
  const stated = draft.type && draft.type !== "unknown" ? draft.type : undefined;
  const type = stated ?? (draft.default && draft.default.value !== null && typeof draft.default.value !== "string" ? finalType(draft) : "string");
  const param: ParamSpec = { name: draft.name, in: where, type, required, constraints: finalConstraints(draft, type) };
  if (draft.default) param.default = draft.default.value;
  if (draft.example !== undefined) param.example = draft.example;
  return param;
}
