import type { Blueprint } from "../../blueprint/blueprint.js";
import { routeShape } from "../../blueprint/resolve.js";
import { FileEditor } from "../../jsts/file-editor.js";
import { writeJsTests } from "../../jsts/write-js-tests.js";
import type { TestCase } from "../../testgen/test-plan.js";
import type { Result, Written } from "../framework.js";
import { customEndpoints } from "./custom-endpoints.js";
import { extendCollection } from "./extend-collection.js";
import type { FastifyModel } from "./fastify-model.js";
import { newCollection } from "./new-collection.js";

/** What the code follows beyond placement: the schema flavor and the error helpers. */
function conventionNotes(m: FastifyModel, bp: Blueprint): string[] {
  const notes: string[] = [];
  const checked = bp.endpoints.some((e) => e.rules.length > 0 || e.body);
  if (checked) notes.push(m.schemas.typebox ? "Inputs are checked by the routes' TypeBox schemas, so Fastify answers a bad request with its usual 400, as the other routes do." : "Inputs are checked by the routes' JSON schemas, so Fastify answers a bad request with its usual 400 (and fills in defaults), as the other routes do.");
  if (m.schemas.response && bp.endpoints.some((e) => e.success.value.k === "expr" && e.success.value.expr.k === "object")) notes.push(`Described the answer with a ${m.schemas.typebox ? "TypeBox " : ""}response schema, as the other routes describe theirs.`);
  if (bp.endpoints.some((e) => e.notFound?.body.kind === "repo") && m.errors.sensible.length > 0) notes.push("Unknown ids answer through `@fastify/sensible` (`reply.notFound()`), which the app already registers.");
  return notes;
}

/** Renders a blueprint into a Fastify repository: routes where they belong, then tests in its style. */
export async function writeFastify(m: FastifyModel, bp: Blueprint, tests: TestCase[]): Promise<Result<Written>> {
  const editor = new FileEditor(m.project, m.repo, m.style, { esm: m.esm, extension: m.importExtension, typescript: m.typescript, singleQuote: m.style.options.singleQuote === true, semi: m.style.options.semi !== false });
  const existing = bp.resource && m.collections.find((c) => routeShape("GET", c.basePath) === routeShape("GET", bp.resource!.basePath));
  const code = bp.resource ? (existing ? await extendCollection(m, bp, existing, editor) : await newCollection(m, bp, editor)) : await customEndpoints(m, bp, editor);
  if (!code.ok) return code;
  const written = await writeJsTests(editor, m.project, bp, tests);
  if (!written) {
    return { ok: false, decline: { reason: "The repository has no tests that call its routes (with `inject` or supertest), so there is no test style to follow.", add: "Add one test that calls a route, and Archon will write the new tests the same way." } };
  }
  const changes = await editor.changes();
  return {
    ok: true,
    value: {
      code: changes.filter((c) => c.path !== written.path),
      tests: changes.filter((c) => c.path === written.path),
      testNames: written.names,
      notes: [...code.value, ...conventionNotes(m, bp), `Wrote ${written.names.length} test${written.names.length === 1 ? "" : "s"} in \`${written.path}\`, in the style of the repository's own.`],
    },
  };
}
