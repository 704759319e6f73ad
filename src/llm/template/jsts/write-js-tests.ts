import { posix } from "node:path";
import type { Blueprint } from "../blueprint/blueprint.js";
import type { TestCase } from "../testgen/test-plan.js";
import type { FileEditor } from "./file-editor.js";
import type { JsProject } from "./project.js";
import { pruneHeader } from "./prune-header.js";
import { renderSuite } from "./render-tests.js";
import { type JsTestHarness, readTestHarness } from "./test-harness.js";

/** A file name for the new tests: the collection, or the endpoint's own words. */
export function testBaseName(bp: Blueprint): string {
  const r = bp.resource;
  const roles = bp.endpoints.map((e) => e.role);
  if (r && r.store === "new") return r.names.kebabPlural;
  if (r) return `${r.names.segment}-${[...new Set(roles)].join("-")}`;
  const words = bp.endpoints[0]!.path.split("/").filter((s) => s && !s.startsWith(":") && !/^(api|v\d+)$/.test(s));
  return (words.slice(-2).join("-") || "root").replace(/[^a-z0-9-]/gi, "-").toLowerCase();
}

function suiteTitle(bp: Blueprint): string {
  if (bp.resource?.store === "new") return `${bp.resource.names.pluralWords} API`;
  return bp.endpoints.map((e) => `${e.method} ${e.path}`).join(", ");
}

/** Where new tests go: the file the issue names when it exists, else a new file next to the followed test. */
function target(project: JsProject, bp: Blueprint, harness: JsTestHarness): { path: string; append: boolean } {
  const named = bp.understanding.hints.testsAt?.replace(/^\.?\//, "");
  // The issue names the test file the new tests belong in (or follow), and it is the one followed: join it.
  if (named && named === harness.file) return { path: named, append: true };
  const dir = posix.dirname(harness.file);
  const name = posix.basename(harness.file);
  const suffix = /(\.(test|spec))?\.[cm]?[jt]sx?$/.exec(name)?.[0] ?? ".test.js";
  const base = testBaseName(bp);
  let path = `${dir === "." ? "" : `${dir}/`}${base}${suffix}`;
  for (let i = 2; project.paths.has(path); i += 1) path = `${dir === "." ? "" : `${dir}/`}${base}-${i}${suffix}`;
  return { path, append: false };
}

/**
 * Writes the tests in the style of the repository's own: the followed file's imports and set-up,
 * its suite and test functions, its client (supertest or inject) and assertions.
 */
export async function writeJsTests(editor: FileEditor, project: JsProject, bp: Blueprint, cases: TestCase[]): Promise<{ path: string; names: string[] } | undefined> {
  const near = bp.endpoints.map((e) => e.path.split("/").slice(0, 2).join("/"));
  const named = bp.understanding.hints.testsAt?.replace(/^\.?\//, "");
  const harness = readTestHarness(project, named ? [named, ...near] : near, named);
  if (!harness) return undefined;
  const where = target(project, bp, harness);
  const suite = renderSuite(harness, suiteTitle(bp), cases);
  if (where.append) {
    const text = (await editor.original(where.path)) ?? "";
    await editor.insertAt(where.path, text.length, `${text.endsWith("\n") ? "" : "\n"}${suite}`, "", { blankBefore: true, blankAfter: false });
  } else {
    const header = pruneHeader(harness.header, suite, harness.typescript);
    editor.create(where.path, `${header}\n\n${suite}\n`);
  }
  return { path: where.path, names: cases.map((c) => c.name) };
}
