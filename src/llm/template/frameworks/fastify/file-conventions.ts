import ts from "typescript";
import { originOf, unwrap, walk } from "../../jsts/symbols.js";
import type { FastifyModel } from "./fastify-model.js";
import { schemaPart } from "./route-registrations.js";

/** Whether a file's routes use `fastify.route({...})` rather than `fastify.get(...)`. */
export function routeForm(m: FastifyModel, file: string): "shorthand" | "route" {
  const routes = m.routes.filter((r) => r.file === file);
  return routes.length > 0 && routes.every((r) => r.form === "route") ? "route" : "shorthand";
}

/**
 * Whether schemas in a file are module-level constants (`const todoBody = {…}`) rather than inline.
 * TypeScript with TypeBox always names them, since the handler's types come from `Static<typeof X>`.
 */
export function schemasAsConstants(m: FastifyModel, file: string): boolean {
  if (m.typescript && m.schemas.typebox) return true;
  return m.routes.some((r) => {
    if (r.file !== file) return false;
    return ["body", "params", "querystring", "response"].some((part) => {
      const e = schemaPart(m.project, r, part);
      if (!e || !ts.isIdentifier(unwrap(e))) return false;
      const origin = originOf(m.project, e);
      return m.project.pathOf(origin) === file;
    });
  });
}

/** Every name a file binds anywhere, so new constants take none of them. */
export function namesIn(m: FastifyModel, file: string): Set<string> {
  const names = new Set<string>();
  const source = m.project.sourceFile(file);
  if (source) walk(source, (n) => (ts.isIdentifier(n) ? void names.add(n.text) : undefined));
  return names;
}
