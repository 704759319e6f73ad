import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import { pyIdentifier } from "../../python/identifiers.js";
import { pyLiteral } from "../../python/python-literal.js";
import type { RouterPlacement } from "./choose-placement.js";
import { literalSegments } from "./paths.js";
import { renameLike } from "./rename-like.js";

/** The handler's name: by role for resources, after the mirrored route for custom endpoints. */
export function handlerName(endpoint: EndpointPlan, blueprint: Blueprint, placement: RouterPlacement, newName: string | undefined, taken: Set<string>): string {
  const names = blueprint.resource?.names;
  const mirrored = placement.mirror?.route;
  let name: string;
  if (endpoint.role !== "custom" && names) {
    const byRole: Record<string, string> = {
      list: `list_${names.snakePlural}`,
      create: `create_${names.snakeSingular}`,
      get: `get_${names.snakeSingular}`,
      replace: `replace_${names.snakeSingular}`,
      update: `update_${names.snakeSingular}`,
      delete: `delete_${names.snakeSingular}`,
      count: `count_${names.snakePlural}`,
    };
    name = byRole[endpoint.role] ?? `${endpoint.method.toLowerCase()}_${names.snakePlural}`;
  } else {
    const segments = literalSegments(endpoint.path.slice(placement.prefix.length));
    const renamed = mirrored && newName && placement.mirror ? renameLike(mirrored.funcName, placement.mirror.name, newName) : undefined;
    name = renamed ?? `${endpoint.method.toLowerCase()}_${pyIdentifier(segments.join("_") || "root")}`;
  }
  let chosen = name;
  for (let i = 2; taken.has(chosen); i += 1) chosen = `${name}_${i}`;
  taken.add(chosen);
  return chosen;
}

/** The name that stands for the mirrored one in the new endpoint: `api_c` for `api_a`. */
export function mirrorTarget(placement: RouterPlacement, endpoint: EndpointPlan | undefined): string | undefined {
  const mirror = placement.mirror;
  if (!mirror || !endpoint) return undefined;
  const mirrorSegments = (mirror.route?.localPath ?? "").split("/").filter(Boolean);
  const at = mirrorSegments.findIndex((segment) => segment === mirror.name);
  const relative = endpoint.path.slice(placement.prefix.length).split("/").filter(Boolean);
  const segment = at >= 0 ? relative[at] : undefined;
  return segment && !segment.startsWith(":") ? segment : literalSegments(endpoint.path).pop();
}

/** Decorator keywords of the mirrored route the new one repeats: its tags and its name. */
export function copiedKeywords(placement: RouterPlacement, newName: string | undefined, quote: "'" | '"'): [string, string][] {
  const mirror = placement.mirror;
  const route = mirror?.route;
  if (!route || !newName || !mirror) return [];
  const out: [string, string][] = [];
  for (const [key, node] of route.decorator.keywords) {
    const text = route.module.text.slice(node.from, node.to);
    // Tags naming the mirrored endpoint name the new one; a shared tag (`health`) stays.
    if (key === "tags") out.push([key, text.split(mirror.name).join(newName)]);
    if (key === "name") out.push([key, pyLiteral(newName, quote)]);
  }
  return out;
}

/** What the neighbouring handlers call their body parameter. */
export function bodyParamName(placement: RouterPlacement): string {
  const names = placement.neighbours.flatMap((route) => route.params.filter((p) => !p.dependency && p.annotation && /^[A-Z]/.test(p.annotation)).map((p) => p.name));
  return names.find((name) => ["body", "payload", "data"].includes(name)) ?? "payload";
}
