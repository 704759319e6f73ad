import ts from "typescript";
import type { ImportNeed } from "./imports.js";
import type { JsProject } from "./project.js";
import { isRequireCall, unwrap } from "./symbols.js";

/**
 * How another file would import what `name` is bound to in `inFile`: the same module and export
 * the binding comes from, or the declaring file itself when `name` is declared there and exported.
 */
export function importNeedFor(project: JsProject, inFile: string, name: string): ImportNeed | undefined {
  const file = project.sourceFile(inFile);
  if (!file) return undefined;
  for (const s of file.statements) {
    if (ts.isImportDeclaration(s) && s.importClause && ts.isStringLiteral(s.moduleSpecifier)) {
      const module = project.resolveModule(inFile, s.moduleSpecifier.text) ?? s.moduleSpecifier.text;
      if (s.importClause.name?.text === name) return { module, name: "default", local: name };
      const b = s.importClause.namedBindings;
      if (b && ts.isNamespaceImport(b) && b.name.text === name) return { module, name: "*", local: name };
      if (b && ts.isNamedImports(b)) {
        const e = b.elements.find((x) => x.name.text === name);
        if (e) return { module, name: (e.propertyName ?? e.name).text, local: name, ...(s.importClause.isTypeOnly || e.isTypeOnly ? { typeOnly: true } : {}) };
      }
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!init || !isRequireCall(init)) continue;
        const spec = (init.arguments[0] as ts.StringLiteral).text;
        const module = project.resolveModule(inFile, spec) ?? spec;
        if (ts.isIdentifier(d.name) && d.name.text === name) return { module, name: "*", local: name };
        if (ts.isObjectBindingPattern(d.name)) {
          const e = d.name.elements.find((x) => x.name.getText() === name);
          if (e) return { module, name: (e.propertyName ?? e.name).getText(), local: name };
        }
      }
    }
    const exported = ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) return { module: inFile, name, local: name };
    if (exported && ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.name.getText() === name)) return { module: inFile, name, local: name };
  }
  const cjs = new RegExp(`module\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b`).test(file.text) || new RegExp(`(module\\.)?exports\\.${name}\\s*=`).test(file.text);
  if (cjs) return { module: inFile, name, local: name };
  return undefined;
}
