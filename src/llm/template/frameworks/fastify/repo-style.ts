import ts from "typescript";
import type { RepositoryFacts } from "../../../../domain/plan.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf } from "../../jsts/symbols.js";
import { schemaPart } from "./route-registrations.js";
import type { ServedRoute } from "./route-table.js";
import { appFiles } from "./scopes.js";

/** How the repository writes modules: ES modules or CommonJS, and relative specifiers with extensions. */
export interface ModuleStyle {
  typescript: boolean;
  esm: boolean;
  importExtension: boolean;
}

/** How the repository writes route schemas. */
export interface SchemaStyle {
  /** TypeBox, with the names it is imported as. */
  typebox: { type: string; static: string | undefined; module: string } | undefined;
  /** Routes declare response schemas. */
  response: boolean;
  /** A type provider (`withTypeProvider<TypeBoxTypeProvider>()`) types handlers from their schemas, so routes need no generics. */
  typeProvider: boolean;
}

/** How the repository writes handlers: `async (request, reply) => {}` or `async function (req, reply) {}`. */
export interface HandlerStyle {
  request: string;
  reply: string;
  kind: "arrow" | "function";
}

export function moduleStyle(project: JsProject, facts: RepositoryFacts, file: string): ModuleStyle {
  const text = project.text(file) ?? "";
  const typescript = /\.[cm]?ts$/.test(file);
  const esm = typescript || /^\s*(import|export)\s/m.test(text) || file.endsWith(".mjs");
  const relative = project.sources.filter((p) => !p.includes("node_modules")).flatMap((p) => [...(project.text(p) ?? "").matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!));
  const withExt = relative.filter((s) => /\.[cm]?[jt]s$/.test(s)).length;
  const nodeEsm = !typescript && (facts.moduleStyle === "esm" || file.endsWith(".mjs"));
  const tsNode = typescript && /^node(16|next)$/.test(project.tsconfig.moduleResolution ?? project.tsconfig.module ?? "") && project.packageJson?.type === "module";
  return { typescript, esm, importExtension: relative.length > 0 ? withExt * 2 > relative.length : nodeEsm || tsNode };
}

/** TypeBox when the sources import it, and whether routes describe their responses. */
export function schemaStyle(project: JsProject, served: ServedRoute[]): SchemaStyle {
  let typebox: SchemaStyle["typebox"];
  for (const file of appFiles(project)) {
    for (const s of file.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !/^(@sinclair\/typebox|typebox)$/.test(s.moduleSpecifier.text)) continue;
      const named = s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) ? s.importClause.namedBindings.elements : undefined;
      const local = (name: string) => named?.find((e) => (e.propertyName ?? e.name).text === name)?.name.text;
      const type = local("Type");
      if (type) typebox = { type, static: local("Static") ?? typebox?.static, module: s.moduleSpecifier.text };
    }
  }
  const response = served.some((r) => schemaPart(project, r.reg, "response") !== undefined);
  const typeProvider = project.sources.some((p) => /\bwithTypeProvider\b|@fastify\/type-provider-|Fastify\w*Typebox\b/.test(project.text(p) ?? ""));
  return { typebox, response, typeProvider };
}

export function handlerStyle(project: JsProject, served: ServedRoute[]): HandlerStyle {
  for (const route of served) {
    const fn = route.reg.handler ? functionOf(project, route.reg.handler) : undefined;
    if (!fn) continue;
    const names = fn.parameters.map((p) => p.name.getText());
    if (names.length === 0) continue;
    return { request: names[0]!.replace(/^_/, ""), reply: names[1]?.replace(/^_/, "") ?? "reply", kind: ts.isArrowFunction(fn) ? "arrow" : "function" };
  }
  const fn = served.map((r) => (r.reg.handler ? functionOf(project, r.reg.handler) : undefined)).find((f) => f !== undefined);
  return { request: "request", reply: "reply", kind: fn && !ts.isArrowFunction(fn) ? "function" : "arrow" };
}
