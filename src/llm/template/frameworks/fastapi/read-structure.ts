import type { Result } from "../framework.js";
import type { AppStructure, Mountable, Mount } from "./fastapi-model.js";
import { findMountables, type MountableLookup, mountableLookup } from "./find-mountables.js";
import { findIncludes, findRoutes } from "./find-routes.js";
import { computeMounts } from "./mounts.js";
import type { Project } from "./python-project.js";

/** The app the service runs: the one a module-level `app` holds (built there or by a factory), else the one with the most on it. */
function mainApp(apps: Mountable[], weight: (app: Mountable) => number, project: Project, lookup: MountableLookup): Mountable {
  const held = new Set(project.modules.filter((module) => !module.isTest && module.defs.has("app")).map((module) => lookup(module, module.tree.topNode, ["app"])));
  const bound = (app: Mountable) => held.has(app);
  return [...apps].sort((a, b) => Number(bound(b)) - Number(bound(a)) || weight(b) - weight(a) || a.module.path.localeCompare(b.module.path))[0]!;
}

/** The app, its routers, how they are mounted, and every route with the app's prefixes. */
export function readStructure(project: Project): Result<AppStructure> {
  const mountables = findMountables(project);
  const apps = mountables.filter((m) => m.kind === "app");
  if (apps.length === 0) {
    return {
      ok: false,
      decline: {
        reason: "I could not find where the FastAPI app is created (no `FastAPI(...)` call).",
        add: "Point the issue at the module that creates the app, or create it with `app = FastAPI()`.",
      },
    };
  }
  const lookup = mountableLookup(project, mountables);
  const includes = findIncludes(project, lookup);
  const allRoutes = findRoutes(project, lookup);
  const mounts = computeMounts(mountables, includes);
  const weight = (app: Mountable) => includes.filter((i) => i.parent === app).length + allRoutes.filter((r) => r.mountable === app).length;
  const main = mainApp(apps, weight, project, lookup);
  // Routes of other apps (test apps, sub-applications) do not answer on the service's paths.
  const served = (mount: Mount) => mount.orphan || mount.root === main;
  for (const [mountable, list] of mounts) mounts.set(mountable, list.filter(served));
  const routes = allRoutes.filter((route) => (mounts.get(route.mountable) ?? []).length > 0);
  return { ok: true, value: { apps, main, mountables, includes, routes, mounts } };
}
