import { posix } from "node:path";
import type { RepositoryFacts } from "../../../archon/plan.js";
import type { RepoView } from "../../../forge/forge.js";
import { isIgnoredPath, isTestPath } from "../../../repo/source-files.js";
import type { Analysis } from "../model.js";

export interface JsTestHarness {
  /** The test file followed; new tests sit next to it, named like it. */
  model: string;
  /** Imports and shared setup, copied from the model. */
  header: string;
  client: "supertest" | "inject";
  /** supertest's local name: `request(app)`. */
  requestFn: string;
  appExpr: string;
  /** Lines each test starts with in the model (building the app, closing it after). */
  setup: string[];
  params: string;
  testFn: string;
  describeFn: string | undefined;
  assertName: string | undefined;
  /** Added to the header when the model has no assert import. */
  assertImport: string | undefined;
}

const TEST_START = /^(describe|suite|it|test)\s*\(/m;

function pickModel(paths: string[], texts: Map<string, string>, plural: string): string | undefined {
  const candidates = paths.filter((p) => texts.has(p));
  const score = (p: string) => {
    const t = texts.get(p) ?? "";
    return (t.includes(`/${plural}`) ? 2 : 0) + (/\.inject\(|supertest/.test(t) ? 1 : 0);
  };
  return candidates.sort((a, b) => score(b) - score(a) || a.localeCompare(b))[0];
}

function assertionOf(text: string, facts: RepositoryFacts, esm: boolean): { assertName: string | undefined; assertImport: string | undefined } {
  if ((facts.testRunner === "jest" || facts.testRunner === "vitest") && /\bexpect\(/.test(text)) return { assertName: undefined, assertImport: undefined };
  const imported = /import\s+(\w+)\s+from\s+['"](?:node:)?assert(?:\/strict)?['"]|(?:const|let)\s+(\w+)\s*=\s*require\(\s*['"](?:node:)?assert(?:\/strict)?['"]\s*\)/.exec(text);
  if (imported) return { assertName: imported[1] ?? imported[2], assertImport: undefined };
  const line = esm ? 'import assert from "node:assert/strict";' : 'const assert = require("node:assert/strict");';
  return { assertName: "assert", assertImport: line };
}

/** How the repository's tests are written, read from the test that best matches the resource. */
export async function analyseJsTests(repo: RepoView, facts: RepositoryFacts, plural: string): Promise<Analysis<JsTestHarness>> {
  const paths = (await repo.files()).map((f) => f.path).filter((p) => !isIgnoredPath(p) && isTestPath(p) && /\.[cm]?[jt]s$/.test(p));
  const texts = new Map<string, string>();
  for (const p of paths.slice(0, 30)) {
    const t = await repo.read(p);
    if (t !== undefined && TEST_START.test(t)) texts.set(p, t);
  }
  const model = pickModel(paths, texts, plural);
  if (!model) return { ok: false, reason: "The repository has no HTTP tests for the template provider to follow (supertest or `app.inject`)." };
  const text = texts.get(model)!;
  const start = TEST_START.exec(text)!.index ?? 0;
  const header = text.slice(0, start).replace(/\s+$/, "");
  const inject = /\b([A-Za-z_$][\w$]*)\.inject\(/.exec(text);
  const supertest = /\b([A-Za-z_$][\w$]*)\(\s*([A-Za-z_$][\w$.]*(?:\(\))?)\s*\)\s*\.(?:get|post|put|patch|delete)\(/.exec(text);
  if (!inject && !supertest) return { ok: false, reason: `\`${model}\` does not call the app through supertest or \`app.inject\`, so the template provider cannot follow it.` };
  const appExpr = inject ? inject[1]! : supertest![2]!;
  const firstTest = /^([ \t]*)(it|test)\s*\(\s*(['"`]).*?\3\s*,\s*(?:async\s*)?(?:function\s*)?\(([^)]*)\)[^{\n]*\{[ \t]*\n/m.exec(text);
  const setup: string[] = [];
  let params = "";
  if (firstTest && !new RegExp(`(?:const|let|var)\\s+${appExpr.split(/[.(]/)[0]}\\b`).test(header)) {
    const bodyStart = (firstTest.index ?? 0) + firstTest[0].length;
    const lines = text.slice(bodyStart).split("\n");
    const bodyIndent = /^[ \t]*/.exec(lines.find((l) => l.trim() !== "") ?? "")?.[0] ?? "";
    for (const line of lines) {
      if (line.includes(".inject(") || /\.(get|post|put|patch|delete)\(/.test(line)) break;
      setup.push(line.startsWith(bodyIndent) ? line.slice(bodyIndent.length) : line.trim());
    }
    while (setup.length > 0 && setup[setup.length - 1]!.trim() === "") setup.pop();
    params = firstTest[4]!.trim();
  }
  const testFn = /^[ \t]*(it|test)\s*\(/m.exec(text)?.[1] ?? "test";
  const describeFn = /^(describe|suite)\s*\(/m.exec(text)?.[1];
  const esm = /^\s*import\s/m.test(text);
  return {
    ok: true,
    value: {
      model,
      header,
      client: inject ? "inject" : "supertest",
      requestFn: supertest?.[1] ?? "request",
      appExpr,
      setup,
      params,
      testFn,
      describeFn,
      ...assertionOf(text, facts, esm),
    },
  };
}

/** A new test file's path next to the model, named like it: `todos.test.js` → `books.test.js`. */
export function testFilePath(model: string, oldName: string | undefined, base: string, taken: Set<string>): string {
  const dir = posix.dirname(model);
  const name = posix.basename(model);
  const suffix = /(\.(test|spec))?\.[cm]?[jt]s$/.exec(name)?.[0] ?? ".test.js";
  const stem = name.slice(0, name.length - suffix.length);
  const newStem = oldName && stem.includes(oldName) ? stem.replace(oldName, base) : /^test[-_]/.test(stem) ? `${stem.slice(0, 5)}${base}` : base;
  let path = `${dir === "." ? "" : `${dir}/`}${newStem}${suffix}`;
  for (let i = 2; taken.has(path); i += 1) path = `${dir === "." ? "" : `${dir}/`}${newStem}-${i}${suffix}`;
  return path;
}
