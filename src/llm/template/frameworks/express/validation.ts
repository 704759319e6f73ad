import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { originOf, packageRef, unwrap } from "../../jsts/symbols.js";
import type { RouteReg } from "./registrations.js";

export type SchemaLibrary = "zod" | "joi";

/**
 * How the repository validates requests: the library its schemas are made with and the
 * middleware its routes pass them to (`zalidate({ bodySchema })`, `validate(schema)`).
 */
export interface ValidationUsage {
  library: SchemaLibrary;
  /** The library's import in a file that makes schemas, to copy: `import { z } from "zod"`. */
  libraryImport: string;
  /** The local name schemas are made from: `z`, `Joi`. */
  libraryName: string;
  middleware?: {
    /** The callee as written: `zalidate`. */
    callee: string;
    /** Where it is declared, to import it from. */
    file: string;
    exportName: string;
    /** `object`: `mw({ bodySchema: s })`; `positional`: `mw(s)` (the body). */
    form: "object" | "positional";
    keys: { body?: string; params?: string; query?: string };
    /** A route that uses it, whose import of the middleware new files can mirror. */
    example: RouteReg;
  };
}

const LIBRARIES: Record<string, SchemaLibrary> = { zod: "zod", joi: "joi", "@hapi/joi": "joi" };

/** Whether an expression is a schema made by a validation library (through `.meta()`, `.extend()` …). */
export function schemaLibrary(project: JsProject, expr: ts.Expression, depth = 0): SchemaLibrary | undefined {
  if (depth > 8) return undefined;
  let e: ts.Node = originOf(project, unwrap(expr));
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    const root = ts.isCallExpression(e) ? e.expression : e.expression;
    const ref = packageRef(project, root);
    if (ref && LIBRARIES[ref.pkg]) return LIBRARIES[ref.pkg];
    e = unwrap(root as ts.Expression);
    if (ts.isIdentifier(e)) {
      const origin = originOf(project, e);
      if (origin !== e) return schemaLibrary(project, origin as ts.Expression, depth + 1);
      const direct = packageRef(project, e);
      return direct && LIBRARIES[direct.pkg] ? LIBRARIES[direct.pkg] : undefined;
    }
  }
  return undefined;
}

function keyRole(key: string): keyof NonNullable<ValidationUsage["middleware"]>["keys"] | undefined {
  if (/body/i.test(key)) return "body";
  if (/param/i.test(key)) return "params";
  if (/query/i.test(key)) return "query";
  return undefined;
}

function exportedName(declaration: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(declaration) || ts.isVariableDeclaration(declaration)) && declaration.name && ts.isIdentifier(declaration.name)) return declaration.name.text;
  return undefined;
}

function libraryImportOf(project: JsProject, library: SchemaLibrary): { text: string; name: string } | undefined {
  for (const path of project.sources) {
    const file = project.sourceFile(path);
    if (!file) continue;
    for (const s of file.statements) {
      // A type-only import makes no schema: the value import is the one to copy.
      if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && LIBRARIES[s.moduleSpecifier.text] === library && !s.importClause?.isTypeOnly) {
        const clause = s.importClause;
        const name = clause?.name?.text ?? (clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.find((e) => /^(z|Joi|joi)$/.test(e.name.text))?.name.text : undefined) ?? (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name.text : undefined);
        if (name) return { text: s.getText(), name };
      }
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "require" && ts.isStringLiteral(init.arguments[0]!) && LIBRARIES[(init.arguments[0] as ts.StringLiteral).text] === library) {
            const name = ts.isIdentifier(d.name) ? d.name.text : ts.isObjectBindingPattern(d.name) ? d.name.elements[0]?.name.getText() : undefined;
            if (name) return { text: s.getText(), name };
          }
        }
      }
    }
  }
  return undefined;
}

/** Reads how routes validate, from the middleware calls in their chains. */
export function findValidation(project: JsProject, routes: RouteReg[]): ValidationUsage | undefined {
  const deps = { ...project.packageJson?.dependencies, ...project.packageJson?.devDependencies };
  const library = (Object.keys(LIBRARIES).find((name) => name in deps) && LIBRARIES[Object.keys(LIBRARIES).find((name) => name in deps)!]) || undefined;
  if (!library) return undefined;
  const imported = libraryImportOf(project, library);
  if (!imported) return undefined;
  const usage: ValidationUsage = { library, libraryImport: imported.text, libraryName: imported.name };
  for (const route of routes) {
    for (const arg of route.chain.slice(0, -1)) {
      const call = unwrap(arg);
      if (!ts.isCallExpression(call) || call.arguments.length === 0) continue;
      const first = unwrap(call.arguments[0]!);
      const declaration = originOf(project, call.expression);
      const exportName = exportedName(declaration);
      if (!exportName) continue;
      const keys: NonNullable<ValidationUsage["middleware"]>["keys"] = { ...usage.middleware?.keys };
      let form: "object" | "positional" | undefined;
      if (ts.isObjectLiteralExpression(first)) {
        for (const p of first.properties) {
          if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
          const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
          const role = keyRole(p.name.getText());
          if (role && schemaLibrary(project, value) === library) {
            keys[role] = p.name.getText();
            form = "object";
          }
        }
      } else if (schemaLibrary(project, first) === library) {
        form = "positional";
      }
      if (!form) continue;
      usage.middleware = { callee: call.expression.getText(), file: project.pathOf(declaration), exportName, form, keys, example: usage.middleware?.example ?? route };
    }
  }
  return usage;
}
