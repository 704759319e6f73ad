import type { Include, Mount, Mountable, Route } from "./fastapi-model.js";

/** Joins path pieces the way FastAPI concatenates prefixes: plain string concatenation. */
export function joinPaths(...parts: string[]): string {
  return parts.join("");
}

/** Every way each app and router is reached from an app, with its full prefix. */
export function computeMounts(mountables: Mountable[], includes: Include[]): Map<Mountable, Mount[]> {
  const memo = new Map<Mountable, Mount[]>();
  const visiting = new Set<Mountable>();
  function mountsOf(target: Mountable): Mount[] {
    const known = memo.get(target);
    if (known) return known;
    if (target.kind === "app") {
      const mounts: Mount[] = [{ prefix: "", dependencies: target.dependencies, via: [], orphan: false, root: target }];
      memo.set(target, mounts);
      return mounts;
    }
    if (visiting.has(target)) return [];
    visiting.add(target);
    const mounts: Mount[] = [];
    for (const include of includes.filter((candidate) => candidate.child === target)) {
      for (const outer of mountsOf(include.parent)) {
        mounts.push({
          prefix: joinPaths(outer.prefix, include.prefix, target.ownPrefix),
          dependencies: [...outer.dependencies, ...include.dependencies, ...target.dependencies],
          via: [...outer.via, include],
          orphan: outer.orphan,
          root: outer.root,
        });
      }
    }
    visiting.delete(target);
    // A router no include reaches may be mounted in a way not read (a loop over modules): its own prefix is the best guess.
    const result = mounts.length > 0 ? mounts : [{ prefix: target.ownPrefix, dependencies: target.dependencies, via: [], orphan: true, root: undefined }];
    memo.set(target, result);
    return result;
  }
  for (const mountable of mountables) mountsOf(mountable);
  return memo;
}

/** FastAPI's `{item_id}` (and `{path:path}`) as Express's `:item_id`. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g, ":$1");
}

/** The full paths of a route, FastAPI style, one per mount of its router. */
export function routePaths(route: Route, mounts: Map<Mountable, Mount[]>): { path: string; mount: Mount }[] {
  return (mounts.get(route.mountable) ?? []).map((mount) => ({ path: joinPaths(mount.prefix, route.localPath) || "/", mount }));
}
