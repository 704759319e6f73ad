import type { TaskSpec } from "../domain/task-spec.js";
import type { EndpointSpec, ResourceSpec, TaskUnderstanding, Understanding } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { FieldReading } from "./read-fields.js";
import type { Unit } from "./markdown-units.js";
import { buildEndpoint } from "./build-endpoints.js";
import { buildResource } from "./build-resource.js";
import { findContradiction } from "./contradictions.js";
import { crudPath } from "./crud-path.js";
import { mergeMentions } from "./endpoint-draft.js";
import { endpointText } from "./endpoint-text.js";
import { findEndpoints, type Mention } from "./find-endpoints.js";
import { inferRoles } from "./infer-role.js";
import { readUnits } from "./markdown-units.js";
import { nothingToBuild } from "./nothing-to-build.js";
import { notUnderstood, severalCollections, UNNAMED_COLLECTION, UNREADABLE, unreadablePath } from "./not-understood.js";
import { readAuth } from "./read-auth.js";
import { readCrud, type CrudIntent } from "./read-crud.js";
import { applyErrorStyle, readErrorStyle } from "./read-error-body.js";
import { readExchanges } from "./read-exchanges.js";
import { readFields } from "./read-fields.js";
import { readHints } from "./read-hints.js";
import { adoptAnswer, markItemBodies, readItemShapes } from "./read-item-shapes.js";
import { applyOutcomes } from "./read-outcomes.js";
import { readStatuses } from "./read-statuses.js";
import { readStorage } from "./read-storage.js";
import { findBases, resolvePaths } from "./resolve-paths.js";
import { standardEndpoints } from "./standard-endpoints.js";
import { summarize } from "./summarize.js";

type Drafting = { ok: true; drafts: EndpointDraft[]; mentions: Mention[]; crud?: CrudIntent; codeUsed: Set<number> } | Extract<Understanding, { ok: false }>;

/** Step 2: endpoints as named (or implied by a collection), with full paths and roles. */
function draftEndpoints(task: TaskSpec, units: Unit[]): Drafting {
  const scan = findEndpoints(units);
  if (scan.unreadable) return { ok: false, missing: unreadablePath(scan.unreadable) };
  const bases = findBases(units);
  const mentions = resolvePaths(scan.mentions, bases, units);
  const exchanges = readExchanges(units, mentions);
  const drafts = mergeMentions(mentions, exchanges.byMention);
  const crud = readCrud(units);
  const at = crud ? crudPath(crud, bases, scan.bare) : undefined;
  if (drafts.length === 0) {
    if (!crud) return { ok: false, missing: nothingToBuild(task, scan.bare) };
    if (!at) return { ok: false, missing: UNNAMED_COLLECTION };
    return { ok: true, drafts: standardEndpoints(at), mentions, crud, codeUsed: exchanges.codeUsed };
  }
  inferRoles(drafts, units, at);
  return { ok: true, drafts, mentions, crud, codeUsed: exchanges.codeUsed };
}

/** Names that belong to the task itself, so they are not hints: fields, parameters, keys of shown bodies, the collection. */
function ownNames(drafts: EndpointDraft[], reading: FieldReading, resource: ResourceSpec | undefined): Set<string> {
  const names = [...reading.book.keys(), ...reading.params.keys(), ...reading.query.keys(), ...[...reading.bodies.values()].flatMap((d) => [...d.keys()])];
  for (const draft of drafts) for (const shape of [draft.request, draft.response]) names.push(...(shape?.fields.map((f) => f.name) ?? []));
  if (resource) names.push(resource.segment, resource.singularWords.join("_"), resource.pluralWords.join("_"), resource.singularWords.join("-"), resource.pluralWords.join("-"));
  return new Set(names);
}

function bodyFields(endpoint: EndpointSpec): NonNullable<ResourceSpec["fields"]> {
  return endpoint.body && "fields" in endpoint.body ? endpoint.body.fields : [];
}

function understand(task: TaskSpec): Understanding {
  // 1. The issue as units: title, paragraphs, list items, table rows, code blocks, criteria.
  const units = readUnits(task);
  // 2. Endpoints with full paths and roles, or the five a named collection implies.
  const drafting = draftEndpoints(task, units);
  if (!drafting.ok) return drafting;
  const { drafts, mentions, crud } = drafting;
  const collections = [...new Set(drafts.map((d) => d.collection).filter((c): c is string => c !== undefined))];
  if (collections.length > 1) return { ok: false, missing: severalCollections(collections) };
  const collection = collections[0];
  // 3. Fields: shapes of the item and of bodies, then what the sentences say about each name.
  const shapes = readItemShapes(units, mentions, drafting.codeUsed);
  markItemBodies(drafts, shapes);
  if (collection === undefined) adoptAnswer(drafts, shapes);
  const reading = readFields(units, drafts, shapes, crud, collection !== undefined);
  // 4. Statuses: success statuses and outcomes with their conditions, then the error style for all.
  const draftOf = new Map<Mention, EndpointDraft>(drafts.flatMap((d) => d.mentions.map((m): [Mention, EndpointDraft] => [m, d])));
  applyOutcomes(readStatuses(units, mentions), { drafts, draftOf, fields: reading, hasResource: collection !== undefined });
  const style = readErrorStyle(units);
  if (style) for (const draft of drafts) applyErrorStyle(draft.outcomes, style);
  // 5. Specs, then the contradictions they show.
  const resource = collection ? buildResource(collection, drafts, reading, units) : undefined;
  const fallback = units[crud?.unit ?? 0]?.text ?? "";
  const endpoints = drafts.map((d) => buildEndpoint(d, reading, resource, endpointText(d, units, mentions, fallback)));
  const rules = [...(resource?.fields ?? []), ...endpoints.flatMap((e) => [...e.params, ...e.query, ...bodyFields(e)])];
  const contradiction = findContradiction(drafts, reading.clashes, rules);
  if (contradiction) return notUnderstood(contradiction.reason, contradiction.add);
  // 6. What else the issue says: storage, auth and where to look.
  const auth = readAuth(units);
  const taken = ownNames(drafts, reading, resource);
  if (auth.kind === "required" && auth.header) taken.add(auth.header);
  const understanding: TaskUnderstanding = {
    summary: summarize(endpoints, resource),
    endpoints,
    storage: readStorage(units),
    auth,
    hints: readHints(units, task.areas ?? [], taken),
  };
  if (resource) understanding.resource = resource;
  return { ok: true, task: understanding };
}

/**
 * What an issue asks for, read from its title, body and acceptance criteria. Pure; never throws:
 * anything it cannot read becomes `{ ok: false }` with one sentence saying why.
 */
export function understandTask(task: TaskSpec): Understanding {
  try {
    return understand(task);
  } catch {
    return { ok: false, missing: UNREADABLE };
  }
}
