import { posix } from "node:path";
import type { SyntaxNode } from "@lezer/common";
import type { Blueprint } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { descendants, textOf } from "../../python/syntax-tree.js";
import type { Result } from "../framework.js";
import type { RouterPlacement } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import { literalSegments } from "./paths.js";
import type { PyModule } from "./python-project.js";
import type { TestStyle } from "./render-tests.js";
import type { AuthUse } from "./test-model.js";

/** Where the new tests go and what the file needs so they run there. */
export interface TestPlacement {
  path: string;
  existing?: PyModule;
  client: TestStyle["client"];
  auth?: AuthUse;
  /** Imports and module-level statements (client, fixtures) the file lacks. */
  imports: PyImport[];
  statements: string[];
  /** Where the client and the credentials were copied from, for the notes. */
  from?: { client: string; auth?: string };
}

function normalise(path: string): string {
  return path.replace(/`/g, "").replace(/^\.?\//, "").replace(/\/$/, "").trim();
}

function shared(a: string, b: string): number {
  const x = literalSegments(a);
  const y = literalSegments(b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n += 1;
  return n;
}

/** Fixtures of a conftest.py apply to the tests in its folder and below. */
function visibleFixture(repo: FastapiRepo, name: string, path: string): boolean {
  return repo.tests.fixtures.some((f) => f.name === name && /conftest\.py$/.test(f.module.path) && (posix.dirname(f.module.path) === "." || posix.dirname(path).startsWith(posix.dirname(f.module.path))));
}

function bound(module: PyModule | undefined, name: string): boolean {
  return module !== undefined && (module.defs.has(name) || module.imports.has(name));
}

/**
 * The top-level statements of `source` that `names` need, with what they need in turn: a client
 * line pulls in the import of the app, a fixture pulls in `import pytest`.
 */
function closure(repo: FastapiRepo, source: PyModule, names: string[], target: string, existing: PyModule | undefined): { imports: PyImport[]; statements: string[] } {
  const imports: PyImport[] = [];
  const nodes: SyntaxNode[] = [];
  const pending = [...names];
  const seen = new Set<string>();
  const sameDir = posix.dirname(source.path) === posix.dirname(target);
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (seen.has(name) || bound(existing, name)) continue;
    seen.add(name);
    const entry = source.imports.get(name);
    if (entry) {
      const spelled = sameDir && entry.written ? { ...entry, module: entry.written } : entry.name && repo.project.localPackages.has(entry.module.split(".")[0]!) ? { ...projectImport(repo, target, entry.module, entry.name, entry.alias) } : entry;
      const { written: _written, ...clean } = spelled;
      imports.push(clean);
      continue;
    }
    const statement = source.defs.get(name);
    if (!statement || nodes.some((node) => node.from === statement.from)) continue;
    nodes.push(statement);
    pending.push(...descendants(statement, "VariableName").map((node) => textOf(source, node)));
  }
  nodes.sort((a, b) => a.from - b.from);
  return { imports, statements: nodes.map((node) => textOf(source, node)) };
}

function clientOf(repo: FastapiRepo, module: PyModule | undefined, path: string): TestStyle["client"] | undefined {
  if (!module) return undefined;
  const own = repo.tests.moduleClients.get(module);
  if (own) return { kind: "module", name: own };
  const clientFixtures = repo.tests.fixtures.filter((f) => f.client).map((f) => f.name);
  const used = repo.tests.functions.filter((t) => t.module === module).flatMap((t) => t.params).find((p) => clientFixtures.includes(p));
  if (used) return { kind: "fixture", name: used };
  const visible = clientFixtures.find((name) => visibleFixture(repo, name, path));
  return visible ? { kind: "fixture", name: visible } : undefined;
}

function fileName(blueprint: Blueprint, placement: RouterPlacement): string {
  if (blueprint.resource) return `test_${blueprint.resource.names.snakePlural}.py`;
  const segment = literalSegments(blueprint.endpoints[0]?.path ?? "").pop() ?? placement.path.split("/").pop()!.replace(/\.py$/, "");
  return `test_${segment.replace(/[^A-Za-z0-9_]/g, "_").toLowerCase()}.py`;
}

/** A client for a repository without tests to copy from: `TestClient(app)` on the app the service runs. */
function freshClient(repo: FastapiRepo, target: string): { client: TestStyle["client"]; imports: PyImport[]; statements: string[] } {
  const main = repo.structure.main;
  const imports: PyImport[] = [{ module: "fastapi.testclient", name: "TestClient" }];
  const module = moduleOfPath(repo, main.module.path).name;
  if (main.scope.name === "Script") {
    imports.push(projectImport(repo, target, module, main.variable));
    return { client: { kind: "module", name: "client" }, imports, statements: [`client = TestClient(${main.variable})`] };
  }
  imports.push(projectImport(repo, target, module, main.factory!));
  return { client: { kind: "module", name: "client" }, imports, statements: [`client = TestClient(${main.factory}())`] };
}

/** The test module the new tests take after: the one calling paths nearest the new routes, and the credentials' own. */
function modelTests(repo: FastapiRepo, blueprint: Blueprint, auth: AuthUse | undefined): PyModule | undefined {
  const base = blueprint.resource?.basePath ?? blueprint.endpoints[0]?.path ?? "/";
  const scored = repo.tests.modules
    .map((module) => ({ module, score: Math.max(0, ...repo.tests.calls.filter((c) => c.test.module === module).map((c) => shared(c.path, base))) + (auth?.test.module === module ? 0.5 : 0) }))
    .sort((a, b) => b.score - a.score || a.module.path.localeCompare(b.module.path));
  return scored[0]?.module;
}

/** The test file's path: the one the issue names, else a free `test_<name>.py` beside the model's tests. */
function testPath(repo: FastapiRepo, blueprint: Blueprint, placement: RouterPlacement, model: PyModule | undefined): string {
  const testsAt = blueprint.understanding.hints.testsAt ? normalise(blueprint.understanding.hints.testsAt) : undefined;
  if (testsAt?.endsWith(".py")) return testsAt;
  const dir = testsAt ?? (model ? posix.dirname(model.path) : "tests");
  let path = posix.join(dir, fileName(blueprint, placement));
  // The collection's own test file takes tests of its new routes; any other name stays free.
  const own = placement.why === "collection" && repo.project.byPath.has(path);
  for (let i = 2; !own && repo.files.has(path); i += 1) path = posix.join(dir, fileName(blueprint, placement).replace(/\.py$/, `_${i}.py`));
  return path;
}

/** The client the tests use and what the file needs for it and the credentials, copied from the tests that have them. */
function testSetup(repo: FastapiRepo, path: string, existing: PyModule | undefined, model: PyModule | undefined, auth: AuthUse | undefined): Pick<TestPlacement, "client" | "imports" | "statements"> {
  const source = existing ?? model;
  const client = clientOf(repo, existing, path) ?? clientOf(repo, model, path);
  const imports: PyImport[] = [];
  const statements: string[] = [];
  const take = (from: PyModule, names: string[]) => {
    if (from === existing) return;
    const found = closure(repo, from, names, path, existing);
    imports.push(...found.imports);
    for (const statement of found.statements) if (!statements.includes(statement)) statements.push(statement);
  };
  let chosen = client;
  if (!chosen || !source) {
    const fresh = freshClient(repo, path);
    chosen = fresh.client;
    if (!bound(existing, "client")) {
      imports.push(...fresh.imports);
      statements.push(...fresh.statements);
    }
  } else if (chosen.kind === "module") {
    const owner = repo.tests.modules.find((m) => repo.tests.moduleClients.get(m) === chosen!.name && (m === existing || m === model)) ?? source;
    take(owner, [chosen.name]);
  }
  if (auth) {
    take(auth.test.module, auth.names);
    for (const fixture of auth.fixtures) {
      if (visibleFixture(repo, fixture, path)) continue;
      const definition = repo.tests.fixtures.find((f) => f.name === fixture && f.module === auth.test.module) ?? repo.tests.fixtures.find((f) => f.name === fixture);
      if (definition) take(definition.module, [fixture]);
    }
  }
  return { client: chosen, imports, statements };
}

/**
 * The test file: the one the issue names, else a new `test_<name>.py` beside the tests of the
 * neighbouring routes; the client and credentials come the way those tests get theirs.
 */
export function placeTests(repo: FastapiRepo, blueprint: Blueprint, placement: RouterPlacement, guard: string | undefined, needsAuth: boolean): Result<TestPlacement> {
  const auth = needsAuth && guard ? repo.authUses.find((use) => use.guard === guard) : undefined;
  if (needsAuth && !auth) {
    return {
      ok: false,
      decline: {
        reason: `No existing test calls a route behind \`${guard}\`, so I cannot tell how the new tests should authenticate.`,
        add: `Add a test that calls a route guarded by \`${guard}\` with valid credentials.`,
      },
    };
  }
  const model = modelTests(repo, blueprint, auth);
  const path = testPath(repo, blueprint, placement, model);
  const existing = repo.project.byPath.get(path);
  const source = existing ?? model;
  const { client, imports, statements } = testSetup(repo, path, existing, model, auth);
  return {
    ok: true,
    value: {
      path,
      ...(existing ? { existing } : {}),
      client,
      ...(auth ? { auth } : {}),
      imports,
      statements,
      ...(source ? { from: { client: source.path, ...(auth ? { auth: auth.test.name } : {}) } } : {}),
    },
  };
}
