import type { Instance } from "./instances.js";
import type { MountReg, Registrations, RouteReg } from "./registrations.js";

/** Joins a mount prefix and a local path the way Express matches them. */
export function joinPath(prefix: string, local: string): string {
  const joined = `${prefix.replace(/\/+$/, "")}/${local.replace(/^\/+/, "")}`.replace(/\/+$/, "");
  return joined === "" ? "/" : joined.startsWith("/") ? joined : `/${joined}`;
}

/**
 * Where each instance answers: an app at the root, a router at its parents' prefixes joined.
 * A router mounted nowhere has no prefix (its routes are not served).
 */
export function prefixes(instances: Instance[], mounts: MountReg[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const app of instances.filter((i) => i.kind === "app")) out.set(app.id, "");
  // Mount chains are short; a few passes settle nested routers in any order.
  for (let pass = 0; pass < 8; pass += 1) {
    let changed = false;
    for (const mount of mounts) {
      const parent = out.get(mount.parent.id);
      if (parent === undefined || out.has(mount.child.id)) continue;
      const full = joinPath(parent, mount.local);
      out.set(mount.child.id, full === "/" ? "" : full);
      changed = true;
    }
    if (!changed) break;
  }
  return out;
}

export interface ServedRoute {
  reg: RouteReg;
  /** Full path: `/api/contacts/:id`. */
  path: string;
}

export function servedRoutes(regs: Registrations, instances: Instance[]): ServedRoute[] {
  const prefix = prefixes(instances, regs.mounts);
  const out: ServedRoute[] = [];
  for (const reg of regs.routes) {
    const p = prefix.get(reg.instance.id);
    if (p === undefined) continue;
    out.push({ reg, path: joinPath(p, reg.local) });
  }
  return out;
}
