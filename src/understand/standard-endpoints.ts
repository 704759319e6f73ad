import type { EndpointRole, HttpMethod } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import { isParam, segmentsOf } from "./normalize-path.js";

const STANDARD: Array<[HttpMethod, boolean, EndpointRole]> = [
  ["GET", false, "list"],
  ["POST", false, "create"],
  ["GET", true, "get"],
  ["PUT", true, "replace"],
  ["DELETE", true, "delete"],
];

/** The five endpoints of a collection the issue asks for without listing them; item endpoints answer 404 for an unknown id. */
export function standardEndpoints(base: string): EndpointDraft[] {
  return STANDARD.map(([method, item, role]) => {
    const path = item ? `${base}/:id` : base;
    return draft(method, path, role, item, segmentsOf(path).filter(isParam).map((s) => s.slice(1)), base);
  });
}

function draft(method: HttpMethod, path: string, role: EndpointRole, item: boolean, params: string[], base: string): EndpointDraft {
  return {
    method,
    path,
    params,
    paramTypes: {},
    mentions: [],
    role,
    collection: base,
    statuses: [],
    outcomes: item ? [{ status: 404, when: { kind: "not-found" as const }, text: "an unknown id (usual for a collection)" }] : [],
    examples: [],
    query: [],
    bodyIsResource: false,
  };
}
