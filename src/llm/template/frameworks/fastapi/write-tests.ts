import type { TestCase } from "../../testgen/test-plan.js";
import { mergeImports } from "../../python/merge-imports.js";
import { appendBlocks } from "../../python/module-text.js";
import { detectStyle } from "../../python/python-style.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { boundNames } from "./module-edits.js";
import type { TestPlacement } from "./place-tests.js";
import { renderTestCase } from "./render-tests.js";
import type { Workspace } from "./workspace.js";

/** Renders the cases into the test file, after what it holds already. */
export function writeTests(repo: FastapiRepo, ws: Workspace, place: TestPlacement, cases: TestCase[]): { names: string[]; functions: string[] } {
  const before = ws.read(place.path) ?? "";
  const quote = place.existing ? detectStyle([place.existing], repo.project.localPackages).quote : place.auth ? detectStyle([place.auth.test.module], repo.project.localPackages).quote : repo.style.quote;
  const taken = boundNames(before);
  const rendered = cases.map((testCase) => renderTestCase(testCase, { quote, client: place.client, ...(place.auth ? { auth: place.auth } : {}), taken }));
  let text = before;
  if (place.statements.length > 0) {
    // Module-level setup (the client, copied fixtures) goes before the tests, after the imports.
    text = before.trim() === "" ? `${place.statements.join("\n\n\n")}\n` : appendBlocks(before, place.statements);
  }
  text = appendBlocks(text, rendered.map((r) => r.code));
  text = mergeImports(text, place.imports, repo.project.localPackages);
  ws.write(place.path, text);
  return { names: cases.map((c) => c.name), functions: rendered.map((r) => r.name) };
}
