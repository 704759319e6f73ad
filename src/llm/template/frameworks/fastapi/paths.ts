import type { EndpointPlan } from "../../blueprint/blueprint.js";
import { expressPath } from "./mounts.js";

/** Whether `prefix` (FastAPI or Express style) covers `path` segment by segment; parameters match anything. */
export function coversPath(prefix: string, path: string): boolean {
  const want = expressPath(prefix).split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length > have.length) return false;
  return want.every((segment, i) => segment === have[i] || (segment.startsWith(":") && have[i] !== undefined) || have[i]!.startsWith(":"));
}

/** The path an endpoint has below a prefix: `/api/listings/:id` below `/api` is `/listings/:id`. */
export function below(prefix: string, path: string): string {
  const count = expressPath(prefix).split("/").filter(Boolean).length;
  const rest = path.split("/").filter(Boolean).slice(count);
  return rest.length === 0 ? "" : `/${rest.join("/")}`;
}

/** The literal segments of a path, parameters left out. */
export function literalSegments(path: string): string[] {
  return path.split("/").filter((segment) => segment && !segment.startsWith(":") && !segment.startsWith("{"));
}

/** The path every endpoint of the task shares: the collection, or the single endpoint's own path. */
export function taskPath(endpoints: EndpointPlan[], basePath: string | undefined): string {
  if (basePath) return basePath;
  const first = endpoints[0]?.path ?? "/";
  return first.replace(/\/:[^/]+$/, "") || first;
}
