import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { declarationOf, unwrap, walk } from "../../jsts/symbols.js";

/** One operation the registry lists: its path (OpenAPI style), method, and the object describing it. */
export interface RegisteredOperation {
  path: string;
  method: string;
  /** The exported constant holding the operation: `getUrlItems`. */
  name: string;
  file: string;
  object: ts.ObjectLiteralExpression;
}

/**
 * A `paths` object the repository builds its OpenAPI document from (zod-openapi's `createDocument`,
 * or any object keyed by paths whose methods name operation objects), with the operations it lists.
 */
export interface OpenApiRegistry {
  file: string;
  paths: ts.ObjectLiteralExpression;
  operations: RegisteredOperation[];
  /** How operations are typed, as written: `ZodOpenApiOperationObject`. */
  type: string | undefined;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** `/shortener/:id` as OpenAPI writes it: `/shortener/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, "{$1}");
}

function keyOf(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? p.name.text : undefined;
}

/** Finds the registry whose keys include paths the app serves. */
export function findOpenApiRegistry(project: JsProject, servedPaths: string[]): OpenApiRegistry | undefined {
  const served = new Set(servedPaths.map(openApiPath));
  for (const path of project.sources) {
    const file = project.sourceFile(path);
    if (!file) continue;
    let found: OpenApiRegistry | undefined;
    walk(file, (n) => {
      if (found || !ts.isPropertyAssignment(n) || keyOf(n) !== "paths") return;
      const paths = unwrap(n.initializer);
      if (!ts.isObjectLiteralExpression(paths)) return;
      const keys = paths.properties.map(keyOf).filter((k): k is string => k !== undefined && k.startsWith("/"));
      if (!keys.some((k) => served.has(k))) return;
      const operations: RegisteredOperation[] = [];
      for (const entry of paths.properties) {
        const key = keyOf(entry);
        if (!key || !ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
        for (const m of entry.initializer.properties) {
          const method = keyOf(m);
          const value = ts.isPropertyAssignment(m) ? m.initializer : ts.isShorthandPropertyAssignment(m) ? m.name : undefined;
          if (!method || !METHODS.has(method) || !value || !ts.isIdentifier(value)) continue;
          const declaration = declarationOf(project, value);
          if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isObjectLiteralExpression(declaration.initializer)) continue;
          operations.push({ path: key, method, name: value.text, file: project.pathOf(declaration), object: declaration.initializer });
        }
      }
      const typed = operations.map((o) => (o.object.parent as ts.VariableDeclaration).type?.getText()).find((t) => t !== undefined);
      found = { file: path, paths, operations, type: typed };
    });
    if (found) return found;
  }
  return undefined;
}

/** A property of an operation object, as written: `requestBody: { … }`. */
export function propertyText(object: ts.ObjectLiteralExpression, name: string): string | undefined {
  const p = object.properties.find((x) => keyOf(x) === name);
  return p && ts.isPropertyAssignment(p) ? p.initializer.getText() : undefined;
}

/** One response of an operation object (`200`, `404`), as written. */
export function responseText(object: ts.ObjectLiteralExpression, status: number): string | undefined {
  const responses = object.properties.find((x) => keyOf(x) === "responses");
  if (!responses || !ts.isPropertyAssignment(responses) || !ts.isObjectLiteralExpression(responses.initializer)) return undefined;
  const r = responses.initializer.properties.find((x) => x.name?.getText().replace(/['"]/g, "") === String(status));
  return r && ts.isPropertyAssignment(r) ? r.initializer.getText() : undefined;
}
