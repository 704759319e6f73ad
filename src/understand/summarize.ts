import type { EndpointSpec, ResourceSpec } from "./spec.js";

/** One line for plans and reports: "Add GET /health", "Add a contacts resource under /api/contacts (5 endpoints)". */
export function summarize(endpoints: EndpointSpec[], resource: ResourceSpec | undefined): string {
  const names = endpoints.map((e) => `${e.method} ${e.path}`);
  if (names.length === 1) return `Add ${names[0]}`;
  if (resource) return `Add a ${resource.pluralWords.join(" ")} resource under ${resource.basePath} (${names.length} endpoints)`;
  const shown = names.slice(0, 4).join(", ");
  return `Add ${names.length} endpoints: ${shown}${names.length > 4 ? ", …" : ""}`;
}
