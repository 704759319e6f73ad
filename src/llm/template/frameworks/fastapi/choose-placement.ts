import { posix } from "node:path";
import { snakeCase } from "../../../../understand/inflect.js";
import { isTestPath } from "../../../../repo/source-files.js";
import type { Blueprint } from "../../blueprint/blueprint.js";
import type { Result } from "../framework.js";
import type { Include, Mount, Mountable, Route } from "./fastapi-model.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { findMirror, type MirrorMatch } from "./find-mirror.js";
import { expressPath } from "./mounts.js";
import { below, coversPath, literalSegments, taskPath } from "./paths.js";
import type { PyModule } from "./python-project.js";

/** How a new router module is included in its parent. */
export interface IncludePlan {
  parent: Mountable;
  /** The parent's mount the new router answers under. */
  parentMount: Mount;
  /** The parent's includes the new one follows. */
  siblings: Include[];
  /** `include_router(..., prefix=...)`. */
  includePrefix: string;
  /** `APIRouter(prefix=...)`. */
  ownPrefix: string;
  /** The tag, and where the siblings put theirs. */
  tags?: { value: string; on: "include" | "router" };
}

/** Where the new routes go. */
export interface RouterPlacement {
  path: string;
  module?: PyModule;
  /** The variable the routes are declared on: `router`, `app`. */
  receiver: string;
  /** Full prefix, FastAPI style, routes declared on the receiver answer under. */
  prefix: string;
  mountable?: Mountable;
  mount?: Mount;
  include?: IncludePlan;
  mirror?: MirrorMatch;
  /** Routes already on the receiver, whose shape new ones follow. */
  neighbours: Route[];
  why: "hint" | "collection" | "mirror" | "next-to" | "new-module" | "app-module";
}

function decline(reason: string, add?: string): Result<never> {
  return { ok: false, decline: { reason, ...(add ? { add } : {}) } };
}

function normalise(path: string): string {
  return path.replace(/`/g, "").replace(/^\.?\//, "").trim();
}

interface Candidate {
  mountable: Mountable;
  mount: Mount;
  depth: number;
}

function candidates(repo: FastapiRepo, path: string): Candidate[] {
  const out: Candidate[] = [];
  for (const mountable of repo.structure.mountables) {
    for (const mount of repo.structure.mounts.get(mountable) ?? []) {
      if (!mount.orphan && coversPath(mount.prefix, path)) out.push({ mountable, mount, depth: expressPath(mount.prefix).split("/").filter(Boolean).length });
    }
  }
  return out;
}

function routesOn(repo: FastapiRepo, mountable: Mountable): Route[] {
  return repo.structure.routes.filter((route) => route.mountable === mountable);
}

function includesOf(repo: FastapiRepo, mountable: Mountable): Include[] {
  return repo.structure.includes.filter((include) => include.parent === mountable);
}

function existing(repo: FastapiRepo, mountable: Mountable, mount: Mount, why: RouterPlacement["why"], mirror?: MirrorMatch): RouterPlacement {
  return {
    path: mountable.module.path,
    module: mountable.module,
    receiver: mountable.variable,
    prefix: mount.prefix,
    mountable,
    mount,
    neighbours: routesOn(repo, mountable),
    why,
    ...(mirror ? { mirror } : {}),
  };
}

function mostCommon<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The parent a new router is included in: the deepest app or router whose prefix covers the path. */
function parentFor(repo: FastapiRepo, path: string): Candidate | undefined {
  const found = candidates(repo, path);
  const parentish = (c: Candidate) => Number(c.mountable.kind === "app" || includesOf(repo, c.mountable).length > 0);
  return found.sort((a, b) => b.depth - a.depth || parentish(b) - parentish(a) || Number(b.mountable.kind === "app") - Number(a.mountable.kind === "app"))[0];
}

function newModule(repo: FastapiRepo, blueprint: Blueprint, path: string, parent: Candidate, file: string | undefined): RouterPlacement {
  const siblings = includesOf(repo, parent.mountable);
  const rest = below(parent.mount.prefix, path);
  const custom = !blueprint.resource;
  const flat = siblings.length > 0 && siblings.every((s) => s.prefix === "" && s.child.ownPrefix === "");
  const ownStyle = siblings.length > 0 && siblings.every((s) => s.prefix === "") && siblings.some((s) => s.child.ownPrefix !== "");
  // A single custom endpoint gets a prefix only when its path has more than one segment below the parent.
  const segments = rest.split("/").filter(Boolean);
  const mountPath = flat ? "" : custom ? (segments.length > 1 ? `/${segments[0]}` : "") : rest;
  const tagged = siblings.find((s) => s.args.keywords.has("tags")) ? "include" : siblings.find((s) => s.child.args.keywords.has("tags")) ? "router" : undefined;
  const name = blueprint.resource ? blueprint.resource.names.snakePlural : snakeCase(literalSegments(rest)[0] ?? literalSegments(path).pop() ?? "routes");
  const dir =
    mostCommon(siblings.map((s) => posix.dirname(s.child.module.path))) ??
    (parent.mountable.kind === "app" ? posix.join(posix.dirname(parent.mountable.module.path), "routers") : posix.dirname(parent.mountable.module.path));
  let target = file ?? posix.join(dir, `${name}.py`);
  if (!file && repo.files.has(target)) target = posix.join(dir, `${name}_router.py`);
  const tagValue = blueprint.resource ? blueprint.resource.names.kebabPlural : (segments[0] ?? name);
  return {
    path: target,
    receiver: mostCommon(siblings.map((s) => s.child.variable)) ?? "router",
    prefix: parent.mount.prefix + mountPath,
    neighbours: [],
    why: "new-module",
    include: {
      parent: parent.mountable,
      parentMount: parent.mount,
      siblings,
      includePrefix: ownStyle ? "" : mountPath,
      ownPrefix: ownStyle ? mountPath : "",
      ...(tagged ? { tags: { value: tagValue, on: tagged } } : {}),
    },
  };
}

function covering(repo: FastapiRepo, mountable: Mountable, paths: string[]): Mount | undefined {
  return (repo.structure.mounts.get(mountable) ?? []).find((mount) => paths.every((path) => coversPath(mount.prefix, path)));
}

const ROUTER_DIRS = /(^|\/)(routes|routers|endpoints|views|api|apis|controllers)$/;

/**
 * Where the routes go, in order: the module the issue names; the module of the collection they
 * extend; the route a custom endpoint sits next to; else a new router module included by the
 * deepest app or router whose prefix covers the path.
 */
export function choosePlacement(repo: FastapiRepo, blueprint: Blueprint): Result<RouterPlacement> {
  const paths = blueprint.endpoints.map((endpoint) => endpoint.path);
  const path = taskPath(blueprint.endpoints, blueprint.resource?.basePath);
  const hints = blueprint.understanding.hints;
  const mirror = findMirror(repo, hints.mirror);
  const testsAt = hints.testsAt ? normalise(hints.testsAt) : undefined;

  for (const hint of hints.paths.map(normalise)) {
    if (!hint.endsWith(".py") || hint === testsAt || isTestPath(hint)) continue;
    const module = repo.project.byPath.get(hint);
    if (module) {
      const here = repo.structure.mountables.filter((m) => m.module === module);
      const fit = here.map((m) => ({ m, mount: covering(repo, m, paths) })).find((c) => c.mount);
      if (fit) return { ok: true, value: existing(repo, fit.m, fit.mount!, "hint", mirror) };
      if (here.length > 0) return decline(`\`${hint}\` serves routes under \`${expressPath((repo.structure.mounts.get(here[0]!) ?? [])[0]?.prefix ?? "")}\`, so \`${paths[0]}\` cannot answer from it.`);
      continue;
    }
    if (repo.files.has(hint) || !ROUTER_DIRS.test(posix.dirname(hint))) continue;
    const parent = parentFor(repo, path);
    if (parent) return { ok: true, value: newModule(repo, blueprint, path, parent, hint) };
  }

  const collection = blueprint.resource ? repo.collections.find((c) => c.resource.basePath === blueprint.resource!.basePath) : undefined;
  if (collection) {
    const route = mostCommon(collection.routes.map((r) => r.served.route));
    const mount = route ? covering(repo, route.mountable, paths) : undefined;
    if (route && mount) return { ok: true, value: existing(repo, route.mountable, mount, "collection", mirror) };
  }

  const custom = blueprint.endpoints.every((endpoint) => endpoint.role === "custom");
  if (custom && mirror?.route) {
    const mount = covering(repo, mirror.route.mountable, paths);
    if (mount) return { ok: true, value: existing(repo, mirror.route.mountable, mount, "mirror", mirror) };
  }
  if (custom) {
    const next = candidates(repo, path)
      .filter((c) => routesOn(repo, c.mountable).length > 0 && paths.every((p) => coversPath(c.mount.prefix, p)))
      .sort((a, b) => b.depth - a.depth)[0];
    const parent = parentFor(repo, path);
    if (next && (!parent || next.depth >= parent.depth)) return { ok: true, value: existing(repo, next.mountable, next.mount, "next-to", mirror) };
  }

  const parent = parentFor(repo, path);
  if (!parent) return decline(`No app or router of the repository serves a prefix of \`${path}\`.`);
  const app = parent.mountable;
  // A single-module app that declares its routes on itself gets the new ones there too.
  if (app.kind === "app" && app.scope.name === "Script" && includesOf(repo, app).length === 0 && routesOn(repo, app).length > 0) {
    return { ok: true, value: existing(repo, app, parent.mount, "app-module", mirror) };
  }
  return { ok: true, value: { ...newModule(repo, blueprint, path, parent, undefined), ...(mirror ? { mirror } : {}) } };
}
