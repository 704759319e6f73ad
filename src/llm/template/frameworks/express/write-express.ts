import type { Blueprint } from "../../blueprint/blueprint.js";
import { routeShape } from "../../blueprint/resolve.js";
import { FileEditor } from "../../jsts/file-editor.js";
import { writeJsTests } from "../../jsts/write-js-tests.js";
import type { TestCase } from "../../testgen/test-plan.js";
import type { Result, Written } from "../framework.js";
import { customEndpoints } from "./custom-endpoints.js";
import type { ExpressModel } from "./express-model.js";
import { extendCollection } from "./extend-collection.js";
import { featureSibling, newFeatureModule } from "./feature-module.js";
import { newCollection } from "./new-collection.js";
import { parentFor } from "./placement.js";

/** A new collection: file for file like a sibling feature when the repository splits features by role, else one router file. */
function addCollection(m: ExpressModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  const { instance, local } = parentFor(m, bp.resource!.basePath);
  const sibling = featureSibling(m);
  if (sibling && sibling.mount.parent.id === instance.id) return newFeatureModule(m, bp, editor, sibling, local);
  return newCollection(m, bp, editor);
}

/** Renders a blueprint into an Express repository: routes where they belong, then tests in its style. */
export async function writeExpress(m: ExpressModel, bp: Blueprint, tests: TestCase[]): Promise<Result<Written>> {
  const editor = new FileEditor(m.project, m.repo, m.style, { esm: m.esm, extension: m.importExtension, typescript: m.typescript, singleQuote: m.style.options.singleQuote === true, semi: m.style.options.semi !== false });
  const existing = bp.resource && m.collections.find((c) => routeShape("GET", c.basePath) === routeShape("GET", bp.resource!.basePath));
  const code = bp.resource ? (existing ? await extendCollection(m, bp, existing, editor) : await addCollection(m, bp, editor)) : await customEndpoints(m, bp, editor);
  if (!code.ok) return code;
  const written = await writeJsTests(editor, m.project, bp, tests);
  if (!written) {
    return { ok: false, decline: { reason: "The repository has no tests that call its routes (with supertest or `inject`), so there is no test style to follow.", add: "Add one test that calls a route, and Archon will write the new tests the same way." } };
  }
  const changes = await editor.changes();
  return {
    ok: true,
    value: {
      code: changes.filter((c) => c.path !== written.path),
      tests: changes.filter((c) => c.path === written.path),
      testNames: written.names,
      notes: [...code.value, `Wrote ${written.names.length} test${written.names.length === 1 ? "" : "s"} in \`${written.path}\`, in the style of the repository's own.`],
    },
  };
}
