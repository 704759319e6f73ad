import ts from "typescript";

function uses(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(text);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? bindingNames(e.name) : []));
}

function prunedImport(s: ts.ImportDeclaration, used: (n: string) => boolean, file: ts.SourceFile): string | undefined {
  const clause = s.importClause;
  if (!clause) return s.getText(file);
  const keepDefault = clause.name && used(clause.name.text) ? clause.name.text : undefined;
  const bindings = clause.namedBindings;
  let named: string | undefined;
  if (bindings && ts.isNamespaceImport(bindings)) named = used(bindings.name.text) ? `* as ${bindings.name.text}` : undefined;
  else if (bindings) {
    const kept = bindings.elements.filter((e) => used(e.name.text)).map((e) => e.getText(file));
    named = kept.length > 0 ? `{ ${kept.join(", ")} }` : undefined;
  }
  if (!keepDefault && !named) return undefined;
  const typeOnly = clause.isTypeOnly ? "type " : "";
  return `import ${typeOnly}${[keepDefault, named].filter(Boolean).join(", ")} from ${s.moduleSpecifier.getText(file)};`;
}

/**
 * A test file's header with what new tests do not use left out: unused import names, and
 * top-level constants nothing refers to (a strict tsconfig fails on unused locals). Set-up calls
 * (`beforeAll(...)`) and side-effect imports stay.
 */
export function pruneHeader(header: string, rest: string, typescript: boolean): string {
  const file = ts.createSourceFile(`header.${typescript ? "ts" : "js"}`, header, ts.ScriptTarget.Latest, true, typescript ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const statements = [...file.statements];
  const isVar = (s: ts.Statement): s is ts.VariableStatement => ts.isVariableStatement(s);
  const kept = new Set<ts.Statement>(statements.filter((s) => !ts.isImportDeclaration(s) && !isVar(s)));
  // Constants can use each other: settle which are used over a few passes.
  for (let pass = 0; pass < 5; pass += 1) {
    const text = [rest, ...[...kept].map((s) => s.getText(file))].join("\n");
    let changed = false;
    for (const s of statements.filter(isVar)) {
      if (kept.has(s)) continue;
      const names = s.declarationList.declarations.flatMap((d) => bindingNames(d.name));
      const required = s.declarationList.declarations.some((d) => d.initializer && /\brequire\(/.test(d.initializer.getText(file)));
      if (names.some((n) => uses(text, n)) || (names.length === 0 && !required)) {
        kept.add(s);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const used = (n: string) => uses([rest, ...[...kept].map((s) => s.getText(file))].join("\n"), n);
  const out: string[] = [];
  for (const s of statements) {
    if (ts.isImportDeclaration(s)) {
      const line = prunedImport(s, used, file);
      if (line) out.push(line);
    } else if (kept.has(s)) {
      out.push(s.getText(file));
    }
  }
  return out.join("\n");
}
