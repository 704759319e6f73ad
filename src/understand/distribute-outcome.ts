import type { Condition } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { FieldReading } from "./read-fields.js";

const ITEM_ROLES = new Set(["get", "replace", "update", "delete"]);
const BODY_ROLES = new Set(["create", "replace", "update"]);

/** Whether an endpoint takes a body: creation, replacement, update, or a custom POST/PUT/PATCH. */
export function hasBody(draft: EndpointDraft): boolean {
  return BODY_ROLES.has(draft.role) || (draft.role === "custom" && ["POST", "PUT", "PATCH"].includes(draft.method));
}

function withTarget(target: string, rule: string | undefined, drafts: EndpointDraft[], fields: FieldReading): EndpointDraft[] {
  const byParam = drafts.filter((d) => d.params.includes(target) || d.query.some(([k]) => k === target));
  if (byParam.length > 0) return byParam;
  const byBody = drafts.filter((d) => fields.bodies.get(d)?.has(target) && d.role === "custom");
  if (byBody.length > 0) return byBody;
  // A missing field fails creation and replacement; PATCH sends only what changes.
  const roles = rule === "required" ? new Set(["create", "replace"]) : BODY_ROLES;
  const resource = drafts.filter((d) => roles.has(d.role));
  return resource.length > 0 ? resource : drafts.filter(hasBody);
}

/** The endpoints an outcome stated for no endpoint in particular applies to. */
export function distribute(when: Condition, drafts: EndpointDraft[], fields: FieldReading): EndpointDraft[] {
  if (when.kind === "not-found") return drafts.filter((d) => ITEM_ROLES.has(d.role));
  if (when.kind === "unauthenticated" || when.kind === "forbidden") return drafts;
  if (when.kind === "conflict") return drafts.filter(hasBody);
  if (when.kind === "other") return drafts.length === 1 ? drafts : [];
  if (when.target) return withTarget(when.target, when.rule, drafts, fields);
  const bodies = drafts.filter(hasBody);
  if (bodies.length > 0) return bodies;
  const withInput = drafts.filter((d) => d.params.length > 0 || d.query.length > 0);
  return withInput.length > 0 ? withInput : drafts;
}
