import type { EndpointDraft } from "./endpoint-draft.js";
import type { CrudIntent } from "./read-crud.js";
import type { ItemShape } from "./read-item-shapes.js";
import type { Unit } from "./markdown-units.js";
import type { NamedFacts } from "./field-facts.js";
import { addFacts, type Clash, type Drafts } from "./field-draft.js";
import { readQueryWords } from "./read-query-words.js";
import { readStatements } from "./read-statements.js";
import { readCrudFields } from "./read-crud-fields.js";
import { segmentsOf } from "./normalize-path.js";

/** Fields and parameters with everything the issue says about them. */
export interface FieldReading {
  /** The item's fields when there is a resource. */
  book: Drafts;
  /** Path parameters and query parameters, by name. */
  params: Drafts;
  query: Drafts;
  /** Request bodies shown for one endpoint: names in `book` for resource endpoints, their own drafts for custom ones. */
  bodies: Map<EndpointDraft, Drafts>;
  clashes: Clash[];
  /** The collection's own name ("a `products` resource"), never a field of it. */
  collectionNames: Set<string>;
}

const RESOURCE_ROLES = new Set(["list", "create", "get", "replace", "update", "delete", "count"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
// A name written like a field: lower-case first, an identifier; `HearbeatResult` and `APP_NAME` are names in code.
const FIELD_NAME = /^[a-z][A-Za-z0-9_]{0,39}$/;
const ID_PARAM = /^(?:id|uuid|\w+_id|\w+Id)$/;

function addAll(drafts: Drafts, fields: NamedFacts[], clashes: Clash[]): void {
  for (const field of fields) addFacts(drafts, field.name, field.facts, clashes);
}

function readParams(drafts: EndpointDraft[], reading: FieldReading): void {
  for (const draft of drafts) {
    for (const name of draft.params) {
      const type = draft.paramTypes[name];
      addFacts(reading.params, name, type ? { type, typeFrom: "declared" } : {});
    }
    for (const [name, value] of draft.query) {
      // A parameter named only in words has no example value.
      const numeric = /^-?\d+$/.test(value);
      addFacts(reading.query, name, value === "" ? {} : { type: numeric ? "integer" : "string", typeFrom: "example", example: numeric ? Number(value) : value });
    }
  }
}

function readBodies(drafts: EndpointDraft[], reading: FieldReading, hasResource: boolean): void {
  for (const draft of drafts) {
    const resourceRole = hasResource && RESOURCE_ROLES.has(draft.role);
    if (resourceRole && draft.response && draft.role !== "count") addAll(reading.book, draft.response.fields, reading.clashes);
    if (!draft.request || !BODY_METHODS.has(draft.method)) continue;
    const own: Drafts = new Map();
    addAll(own, draft.request.fields, reading.clashes);
    if (resourceRole) addAll(reading.book, draft.request.fields, reading.clashes);
    reading.bodies.set(draft, own);
  }
}

/**
 * The drafts a statement about `name` lands in; none when it names nothing of this task. An item's
 * id is both a path parameter and a field ("a server-assigned integer `id`").
 */
function targets(name: string, introduces: boolean, reading: FieldReading, customBody: Drafts | undefined, hasResource: boolean): Drafts[] {
  if (reading.params.has(name)) return hasResource && (introduces || reading.book.has(name)) && ID_PARAM.test(name) ? [reading.params, reading.book] : [reading.params];
  if (reading.query.has(name)) return [reading.query];
  if (reading.book.has(name)) return [reading.book];
  for (const drafts of reading.bodies.values()) if (drafts.has(name)) return [drafts];
  if (!introduces || !FIELD_NAME.test(name) || reading.collectionNames.has(name.toLowerCase())) return [];
  const drafts = hasResource ? reading.book : customBody;
  return drafts ? [drafts] : [];
}

export function readFields(units: Unit[], drafts: EndpointDraft[], shapes: ItemShape[], crud: CrudIntent | undefined, hasResource: boolean): FieldReading {
  readQueryWords(units, drafts);
  // Only the plural: a `rating` of the ratings is a field, `products` of the products is not.
  const collectionNames = new Set(drafts.flatMap((d) => segmentsOf(d.collection ?? "").slice(-1)).map((s) => s.toLowerCase()));
  const reading: FieldReading = { book: new Map(), params: new Map(), query: new Map(), bodies: new Map(), clashes: [], collectionNames };
  readParams(drafts, reading);
  const customBodies = drafts.filter((d) => d.role === "custom" && BODY_METHODS.has(d.method));
  if (hasResource) for (const shape of shapes) addAll(reading.book, shape.shape.fields, reading.clashes);
  else if (customBodies.length === 1 && customBodies[0] && !customBodies[0].request) customBodies[0].request = shapes[0]?.shape;
  readBodies(drafts, reading, hasResource);
  if (hasResource && crud) for (const name of readCrudFields(crud.after)) addFacts(reading.book, name, {});
  let customBody = customBodies.length === 1 && customBodies[0] ? reading.bodies.get(customBodies[0]) : undefined;
  if (!customBody && customBodies.length === 1 && customBodies[0]) {
    customBody = new Map();
    reading.bodies.set(customBodies[0], customBody);
  }
  const known = new Set([...reading.book.keys(), ...reading.params.keys(), ...reading.query.keys(), ...[...reading.bodies.values()].flatMap((d) => [...d.keys()])]);
  for (const statement of readStatements(units, known)) {
    for (const name of statement.names) {
      for (const drafts of targets(name, statement.introduces, reading, customBody, hasResource)) addFacts(drafts, name, statement.facts, reading.clashes);
    }
  }
  if (customBody && customBody.size === 0 && customBodies[0]) reading.bodies.delete(customBodies[0]);
  return reading;
}
