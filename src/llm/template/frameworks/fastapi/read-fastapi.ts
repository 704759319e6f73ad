import type { RepositoryFacts } from "../../../../domain/plan.js";
import type { EndpointRole } from "../../../../understand/spec.js";
import type { RepoView } from "../../../../domain/forge.js";
import { detectStyle } from "../../python/python-style.js";
import type { ExistingRoute, Guard, RepoReading, Result } from "../framework.js";
import { findAuthUses } from "./auth-uses.js";
import { classifyDependency, type GuardKind } from "./classify-guard.js";
import { readConstants } from "./constants.js";
import type { DependencyUse } from "./fastapi-model.js";
import type { FastapiRepo, GuardInfo, RepoStyle, ServedRouteInfo } from "./fastapi-repo.js";
import { type Collection, findCollections } from "./find-resources.js";
import { findStore } from "./find-store.js";
import { loadModules } from "./load-modules.js";
import { expressPath, routePaths } from "./mounts.js";
import { findModels, type PydanticModel } from "./pydantic-models.js";
import { isRequirementFile, pydanticMajor } from "./pydantic-version.js";
import { type Project, pythonProject } from "./python-project.js";
import { readStructure } from "./read-structure.js";
import { readTests } from "./read-tests.js";
import { writeFastapi } from "./write-fastapi.js";

// FastAPI answers a request that fails its pydantic validation with 422.
const VALIDATION_STATUS = 422;

function guardsOf(served: ServedRouteInfo[], kinds: Map<DependencyUse, GuardKind>): GuardInfo[] {
  const byName = new Map<string, GuardInfo>();
  for (const entry of served) {
    for (const use of entry.guards) {
      const kind = kinds.get(use)!;
      const known = byName.get(use.name);
      const path = expressPath(entry.path);
      if (known) {
        if (!known.guard.guards.includes(path)) known.guard.guards.push(path);
        known.uses.push(use);
        continue;
      }
      const guard: Guard = { name: use.name, file: kind.file ?? use.module.path, guards: [path], scheme: kind.scheme, ...(kind.header ? { header: kind.header } : {}) };
      byName.set(use.name, { guard, uses: [use] });
    }
  }
  return [...byName.values()];
}

function repoStyle(project: Project, served: ServedRouteInfo[]): RepoStyle {
  const sources = project.modules.filter((module) => !module.isTest);
  const routes = [...new Set(served.map((entry) => entry.route))];
  const share = (test: (route: (typeof routes)[number]) => boolean) => routes.filter(test).length * 2 > routes.length;
  return {
    ...detectStyle(sources, project.localPackages),
    asyncHandlers: share((route) => route.isAsync),
    responseModels: share((route) => route.decorator.keywords.has("response_model")),
    returnAnnotations: share((route) => route.returnAnnotation !== undefined),
  };
}

const STORE_ROLES: EndpointRole[] = ["list", "get", "create", "replace", "update", "delete", "count"];

/** An in-memory dict or list the handlers share can serve every role; a store of model objects cannot create. */
function withStoreRoles(project: Project, collections: Collection[], models: PydanticModel[]): Collection[] {
  return collections.map((collection) => {
    const store = findStore(project, collection, models);
    if (!store) return collection;
    const can = STORE_ROLES.filter((role) => !collection.resource.roles.includes(role) && !(role === "create" && store.items === "attr"));
    return { ...collection, resource: { ...collection.resource, storeCan: can } };
  });
}

/** Everything the reader learns about a FastAPI repository, through the syntax trees of its modules. */
export async function readFastapiRepo(repo: RepoView): Promise<Result<FastapiRepo>> {
  const { modules, files } = await loadModules(repo);
  const project = pythonProject(modules);
  const structure = readStructure(project);
  if (!structure.ok) return structure;
  const requirements = await Promise.all([...files].filter(isRequirementFile).map(async (path) => ({ path, text: (await repo.read(path)) ?? "" })));
  const major = pydanticMajor(requirements);
  const models = findModels(project, major);
  const kinds = new Map<DependencyUse, GuardKind>();
  const served: ServedRouteInfo[] = structure.value.routes.flatMap((route) =>
    routePaths(route, structure.value.mounts).map(({ path, mount }) => {
      const uses = [...mount.dependencies, ...route.dependencies];
      for (const use of uses) if (!kinds.has(use)) kinds.set(use, classifyDependency(project, use));
      return { route, path, mount, guards: uses.filter((use) => kinds.get(use)!.auth) };
    }),
  );
  const tests = readTests(project);
  const authUses = findAuthUses(
    tests,
    served.flatMap((entry) => entry.route.methods.map((method) => ({ method, path: entry.path, guards: entry.guards.map((use) => use.name) }))),
  );
  return {
    ok: true,
    value: {
      project,
      files,
      structure: structure.value,
      major,
      models,
      served,
      guards: guardsOf(served, kinds),
      collections: withStoreRoles(project, findCollections(project, served, models), models),
      tests,
      authUses,
      style: repoStyle(project, served),
      constants: readConstants(project),
    },
  };
}

/** Reads a FastAPI repository: what it serves, for planning, and how to write into it. */
export async function readFastapi(repo: RepoView, _facts: RepositoryFacts): Promise<Result<RepoReading>> {
  const read = await readFastapiRepo(repo);
  if (!read.ok) return read;
  const fastapiRepo = read.value;
  const routes: ExistingRoute[] = fastapiRepo.served.flatMap((entry) =>
    entry.route.methods.map((method) => ({ method, path: expressPath(entry.path), file: entry.route.module.path, guards: entry.guards.map((use) => use.name) })),
  );
  return {
    ok: true,
    value: {
      framework: "fastapi",
      routes,
      resources: fastapiRepo.collections.map((collection) => collection.resource),
      constants: fastapiRepo.constants,
      guards: fastapiRepo.guards.map((info) => info.guard),
      validationStatus: VALIDATION_STATUS,
      write: async (blueprint, cases) => writeFastapi(fastapiRepo, blueprint, cases),
    },
  };
}
