import type { FieldSpec, ResourceSpec } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { FieldReading } from "./read-fields.js";
import type { Unit } from "./markdown-units.js";
import { finishField, type FieldDraft } from "./field-draft.js";
import { collectionWords } from "./inflect-words.js";
import { isParam, segmentsOf } from "./normalize-path.js";
import { splitSentences } from "./text-tools.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idNameOf(drafts: EndpointDraft[], reading: FieldReading): string {
  for (const draft of drafts) {
    const last = segmentsOf(draft.path).at(-1);
    if (draft.role !== "custom" && draft.role !== "list" && draft.role !== "create" && draft.role !== "count" && isParam(last)) return last?.slice(1) ?? "id";
  }
  return [...reading.book.values()].find((d) => d.isId)?.name ?? "id";
}

function idTypeOf(field: FieldDraft | undefined, param: FieldDraft | undefined, units: Unit[], idName: string): ResourceSpec["idType"] {
  for (const draft of [field, param]) {
    if (!draft) continue;
    if (draft.constraints.format === "uuid") return "uuid";
    if (typeof draft.example === "string" && UUID.test(draft.example)) return "uuid";
    if (draft.type === "integer" || draft.type === "number" || typeof draft.example === "number") return "integer";
    if (draft.type === "string" && draft.typeFrom === "declared") return "string";
    if (typeof draft.example === "string") return "string";
  }
  // "ids are UUIDs": a sentence naming both.
  const name = new RegExp(`\\b${idName.replace(/[^\w]/g, "") || "id"}\\b`, "i");
  const sentences = units.filter((u) => u.kind !== "code").flatMap((u) => splitSentences(u.text));
  return sentences.some((s) => /\buuids?\b/i.test(s.value) && name.test(s.value)) ? "uuid" : "unknown";
}

/** The collection the resource endpoints share: its name, path, id and item fields. */
export function buildResource(collection: string, drafts: EndpointDraft[], reading: FieldReading, units: Unit[]): ResourceSpec {
  const segment = segmentsOf(collection).filter((s) => !isParam(s)).at(-1) ?? "items";
  const words = collectionWords(segment);
  const idName = idNameOf(drafts, reading);
  const idField = reading.book.get(idName) ?? (idName === "id" ? undefined : reading.book.get("id"));
  const idType = idTypeOf(idField, reading.params.get(idName), units, idName);
  const sent = new Set([...reading.bodies.values()].flatMap((d) => [...d.keys()]));
  const fields: FieldSpec[] = [...reading.book.values()].map((d) => finishField(d, idName, sent.has(d.name)));
  return { segment, singularWords: words.singular, pluralWords: words.plural, basePath: collection, fields, idType, idName };
}
