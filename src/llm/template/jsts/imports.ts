import { posix } from "node:path";
import ts from "typescript";
import type { JsProject } from "./project.js";

/** A name a file needs from a module of the repository (a path) or from a package. */
export interface ImportNeed {
  /** `src/lib/errors.ts` for the repository's own modules, `express` for a package. */
  module: string;
  /** The exported name, or `default`; `*` for a CommonJS module as a whole. */
  name: string;
  /** The local name; the exported name when unset. */
  local: string;
  typeOnly?: boolean;
}

/** How a file of the repository writes its imports. */
export interface ImportStyle {
  esm: boolean;
  /** Quote specifiers with single quotes. */
  singleQuote?: boolean;
  /** End statements with semicolons (Prettier's `semi`); true unless the repository leaves them out. */
  semi?: boolean;
  /** Relative specifiers carry the extension they run as (`./x.js`). */
  extension: boolean;
  typescript: boolean;
}

/** Repository modules are named by their path, extension included; packages never are. */
const isPackage = (module: string) => !/\.[cm]?[jt]sx?$/.test(module);

/** The specifier one file uses for another: a tsconfig alias the repository already uses, else a relative path. */
export function specifierFor(project: JsProject, style: ImportStyle, fromFile: string, module: string): string {
  if (isPackage(module)) return module;
  const bare = module.replace(/\.[cm]?[jt]sx?$/, "");
  // A module beside the importing file is imported relatively, as every repository does.
  const near = posix.dirname(module) === posix.dirname(fromFile);
  for (const [alias, targets] of Object.entries(near ? {} : project.tsconfig.paths)) {
    if (!alias.endsWith("/*")) continue;
    for (const target of targets) {
      const prefix = target.replace(/\*$/, "");
      if (!target.endsWith("*") || !bare.startsWith(prefix)) continue;
      const candidate = alias.replace(/\*$/, "") + bare.slice(prefix.length);
      const used = project.sources.some((p) => (project.text(p) ?? "").includes(`"${alias.replace(/\*$/, "")}`) || (project.text(p) ?? "").includes(`'${alias.replace(/\*$/, "")}`));
      if (used) return candidate;
    }
  }
  let relative = posix.relative(posix.dirname(fromFile), bare);
  if (!relative.startsWith(".")) relative = `./${relative}`;
  if (!style.extension) return relative.replace(/\/index$/, "") || ".";
  const ext = /\.([cm]?)[jt]sx?$/.exec(module)?.[1] ?? "";
  return `${relative}.${ext}js`;
}

function quote(specifier: string, style: ImportStyle): string {
  return style.singleQuote ? `'${specifier.replace(/'/g, "\\'")}'` : JSON.stringify(specifier);
}

function statementFor(need: ImportNeed, specifier: string, style: ImportStyle): string {
  const q = quote(specifier, style);
  if (!style.esm) {
    if (need.name === "*" || need.name === "default") return `const ${need.local} = require(${q});`;
    return `const { ${need.name === need.local ? need.name : `${need.name}: ${need.local}`} } = require(${q});`;
  }
  const type = need.typeOnly && style.typescript ? "type " : "";
  if (need.name === "default") return `import ${type}${need.local} from ${q};`;
  if (need.name === "*") return `import ${type}* as ${need.local} from ${q};`;
  return `import ${type}{ ${need.name === need.local ? need.name : `${need.name} as ${need.local}`} } from ${q};`;
}

/** Import statements for a new file, one per module, named imports merged. */
export function importBlock(project: JsProject, style: ImportStyle, file: string, needs: ImportNeed[]): string {
  const byModule = new Map<string, ImportNeed[]>();
  for (const n of needs) byModule.set(n.module, [...(byModule.get(n.module) ?? []).filter((x) => x.local !== n.local), n]);
  const lines: string[] = [];
  for (const [module, list] of byModule) {
    const specifier = specifierFor(project, style, file, module);
    const named = list.filter((n) => n.name !== "default" && n.name !== "*");
    const others = list.filter((n) => n.name === "default" || n.name === "*");
    for (const n of others) lines.push(statementFor(n, specifier, style));
    if (named.length === 0) continue;
    const allTypes = named.every((n) => n.typeOnly) && style.typescript && style.esm;
    const parts = named.map((n) => `${n.typeOnly && style.typescript && style.esm && !allTypes ? "type " : ""}${n.name === n.local ? n.name : style.esm ? `${n.name} as ${n.local}` : `${n.name}: ${n.local}`}`);
    lines.push(style.esm ? `import ${allTypes ? "type " : ""}{ ${parts.join(", ")} } from ${quote(specifier, style)};` : `const { ${parts.join(", ")} } = require(${quote(specifier, style)});`);
  }
  return lines.join("\n");
}

/** Names a file binds at top level (imports, requires, declarations). */
function boundNames(file: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const s of file.statements) {
    if (ts.isImportDeclaration(s) && s.importClause) {
      if (s.importClause.name) out.add(s.importClause.name.text);
      const b = s.importClause.namedBindings;
      if (b && ts.isNamespaceImport(b)) out.add(b.name.text);
      if (b && ts.isNamedImports(b)) for (const e of b.elements) out.add(e.name.text);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.add(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) for (const e of d.name.elements) out.add(e.name.getText());
      }
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) out.add(s.name.text);
  }
  return out;
}

/**
 * Adds imports to an existing file: a name already bound is left alone, a name from a module the
 * file already imports joins that import, anything else goes after the last import.
 */
export function addImports(project: JsProject, style: ImportStyle, path: string, text: string, needs: ImportNeed[]): string {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.[cm]?tsx?$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const bound = boundNames(file);
  const missing = needs.filter((n) => !bound.has(n.local));
  if (missing.length === 0) return text;
  let out = text;
  const rest: ImportNeed[] = [];
  for (const need of missing) {
    const specifier = specifierFor(project, style, path, need.module);
    const existing = style.esm
      ? file.statements.find((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === specifier && !!s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) && !s.importClause.isTypeOnly)
      : undefined;
    if (existing && need.name !== "default" && need.name !== "*") {
      const named = existing.importClause!.namedBindings as ts.NamedImports;
      const last = named.elements[named.elements.length - 1];
      if (last) {
        const at = last.getEnd();
        const entry = `${need.typeOnly && style.typescript ? "type " : ""}${need.name === need.local ? need.name : `${need.name} as ${need.local}`}`;
        out = `${out.slice(0, at)}, ${entry}${out.slice(at)}`;
        continue;
      }
    }
    rest.push(need);
  }
  if (rest.length === 0) return out;
  const reparsed = ts.createSourceFile(path, out, ts.ScriptTarget.Latest, true);
  const imports = reparsed.statements.filter((s) => ts.isImportDeclaration(s) || (ts.isVariableStatement(s) && /\brequire\(/.test(s.getText(reparsed)) && s.getStart(reparsed) < 2000));
  const lastImport = imports[imports.length - 1];
  const block = style.semi === false ? importBlock(project, style, path, rest).replace(/;$/gm, "") : importBlock(project, style, path, rest);
  const eol = out.includes("\r\n") ? "\r\n" : "\n";
  if (!lastImport) return `${block.replace(/\n/g, eol)}${eol}${out}`;
  const at = lastImport.getEnd();
  return `${out.slice(0, at)}${eol}${block.replace(/\n/g, eol)}${out.slice(at)}`;
}
