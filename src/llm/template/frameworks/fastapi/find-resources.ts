import type { EndpointRole } from "../../../../understand/spec.js";
import type { ExistingResource } from "../framework.js";
import type { Route } from "./fastapi-model.js";
import { expressPath } from "./mounts.js";
import { modelOf, type PydanticModel } from "./pydantic-models.js";
import type { Project } from "./python-project.js";

/** A served route with its full path, FastAPI style. */
export interface ServedRoute {
  route: Route;
  path: string;
}

/** A collection the repository serves, with the routes that serve it. */
export interface Collection {
  resource: ExistingResource;
  routes: { served: ServedRoute; role: EndpointRole }[];
  /** The path parameter of its item routes, as the handlers declare it. */
  idParam?: { name: string; annotation?: string };
  /** The model its create route takes. */
  createModel?: PydanticModel;
}

const ID_TYPES: Record<string, ExistingResource["idType"]> = { int: "integer", str: "string", UUID: "uuid", "uuid.UUID": "uuid" };

function roleOf(method: string, item: boolean): EndpointRole | undefined {
  if (!item) return method === "GET" ? "list" : method === "POST" ? "create" : undefined;
  return ({ GET: "get", PUT: "replace", PATCH: "update", DELETE: "delete" } as Record<string, EndpointRole>)[method];
}

function split(path: string): { base: string; param?: string } {
  const match = /^(.*)\/\{([A-Za-z_]\w*)(?::[^}]*)?\}\/?$/.exec(path);
  return match ? { base: match[1]!, param: match[2]! } : { base: path.replace(/\/$/, "") };
}

/** Collections: a base path that is listed and created on, or has both collection and item routes. */
export function findCollections(project: Project, served: ServedRoute[], models: PydanticModel[]): Collection[] {
  const byBase = new Map<string, { served: ServedRoute; role: EndpointRole; param?: string }[]>();
  for (const entry of served) {
    const { base, param } = split(entry.path);
    if (base === "" && !param) continue;
    for (const method of entry.route.methods) {
      const role = roleOf(method, param !== undefined);
      if (!role) continue;
      byBase.set(base, [...(byBase.get(base) ?? []), { served: entry, role, ...(param ? { param } : {}) }]);
    }
  }
  const out: Collection[] = [];
  for (const [base, routes] of byBase) {
    const roles = [...new Set(routes.map((r) => r.role))];
    const hasItem = routes.some((r) => r.param);
    const hasCollection = routes.some((r) => !r.param);
    // A lone POST (`/model/predict`) is an action, not a collection.
    if (!((roles.includes("create") && roles.includes("list")) || (hasItem && hasCollection))) continue;
    const item = routes.find((r) => r.param);
    const param = item ? item.served.route.params.find((p) => p.name === item.param) : undefined;
    const create = routes.find((r) => r.role === "create") ?? routes.find((r) => r.role === "replace");
    const createModel = create?.served.route.params
      .filter((p) => !p.dependency)
      .map((p) => modelOf(project, create.served.route.module, models, p.annotation))
      .find((model) => model !== undefined);
    const idName = !item?.param ? "id" : item.param === "id" || /_id$/.test(item.param) ? "id" : item.param;
    out.push({
      resource: {
        basePath: expressPath(base),
        idName,
        idType: param?.annotation ? (ID_TYPES[param.annotation] ?? "unknown") : "unknown",
        fields: createModel?.fields ?? [],
        roles,
        storeCan: [],
      },
      routes: routes.map(({ served: s, role }) => ({ served: s, role })),
      ...(item?.param ? { idParam: { name: item.param, ...(param?.annotation ? { annotation: param.annotation } : {}) } } : {}),
      ...(createModel ? { createModel } : {}),
    });
  }
  return out;
}
