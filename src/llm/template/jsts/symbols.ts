import ts from "typescript";
import type { JsonValue } from "../../../understand/spec.js";
import type { JsProject } from "./project.js";

// Values are followed through at most this many hops: enough for re-exports and constants of
// constants, and a guard against cycles.
const MAX_DEPTH = 12;

/** Drops the wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e) ||
    ts.isAwaitExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** The declaration a name refers to, through imports and `require`. */
export function declarationOf(project: JsProject, node: ts.Node): ts.Declaration | undefined {
  const target = ts.isPropertyAccessExpression(node) ? node.name : node;
  let symbol = project.checker.getSymbolAtLocation(target);
  if (!symbol) return undefined;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    const aliased = project.checker.getAliasedSymbol(symbol);
    // An import of a package Archon did not load resolves to the "unknown" symbol: keep the import.
    if (aliased.declarations && aliased.declarations.length > 0) symbol = aliased;
  }
  return symbol.valueDeclaration ?? symbol.declarations?.[0];
}

/**
 * Follows an expression to where its value is made: an identifier to its initializer, a shorthand
 * property to its variable, `mod.router` to what the module exports, `export default x` to `x`.
 * Returns a call, function, class, literal or object; or a declaration it cannot see through
 * (a parameter, an import of a package).
 */
export function originOf(project: JsProject, expr: ts.Node, depth = 0): ts.Node {
  if (depth > MAX_DEPTH) return expr;
  const node = ts.isExpression(expr) ? unwrap(expr) : expr;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const declaration = declarationOf(project, node);
    if (!declaration) {
      if (ts.isPropertyAccessExpression(node)) {
        const object = originOf(project, node.expression, depth + 1);
        const member = object && ts.isObjectLiteralExpression(object) ? propertyOf(object, node.name.text) : undefined;
        if (member) return originOf(project, member, depth + 1);
      }
      return node;
    }
    return originOfDeclaration(project, declaration, depth + 1);
  }
  if (isRequireCall(node)) return requiredModule(project, node)?.value ?? node;
  return node;
}

export function originOfDeclarationPublic(project: JsProject, declaration: ts.Declaration): ts.Node {
  return originOfDeclaration(project, declaration, 0);
}

function originOfDeclaration(project: JsProject, declaration: ts.Declaration, depth: number): ts.Node {
  if (ts.isVariableDeclaration(declaration)) {
    const init = declaration.initializer && unwrap(declaration.initializer);
    if (!init) return declaration;
    // A package's `require` stays a declaration, so packageRef can still name the package.
    if (isRequireCall(init)) return requiredModule(project, init)?.value ?? declaration;
    return originOf(project, init, depth);
  }
  if (ts.isShorthandPropertyAssignment(declaration)) {
    const value = project.checker.getShorthandAssignmentValueSymbol(declaration);
    const next = value?.valueDeclaration ?? value?.declarations?.[0];
    return next ? originOfDeclaration(project, next, depth + 1) : declaration;
  }
  if (ts.isPropertyAssignment(declaration)) return originOf(project, declaration.initializer, depth);
  if (ts.isExportAssignment(declaration)) return originOf(project, declaration.expression, depth);
  if (ts.isBinaryExpression(declaration)) return originOf(project, declaration.right, depth);
  if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent)) {
    return originOf(project, declaration.parent.right, depth);
  }
  return declaration;
}

/** The value of `name` in an object literal, shorthand or not. */
export function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
  for (const p of object.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
    if (ts.isMethodDeclaration(p)) return p;
  }
  return undefined;
}

export function isRequireCall(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "require" &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0]!)
  );
}

/** The module an import declaration, import specifier or `require` binding names. */
function moduleOfDeclaration(declaration: ts.Node): { module: string; path: string[] } | undefined {
  if (ts.isImportClause(declaration)) return specifier(declaration.parent, []);
  if (ts.isNamespaceImport(declaration)) return specifier(declaration.parent.parent, []);
  if (ts.isImportSpecifier(declaration)) return specifier(declaration.parent.parent.parent, [(declaration.propertyName ?? declaration.name).text]);
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const m = declaration.moduleReference.expression;
    return ts.isStringLiteralLike(m) ? { module: m.text, path: [] } : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = unwrap(declaration.initializer);
    if (isRequireCall(init)) return { module: (init.arguments[0] as ts.StringLiteral).text, path: [] };
    if (ts.isPropertyAccessExpression(init) && isRequireCall(unwrap(init.expression))) {
      return { module: ((unwrap(init.expression) as ts.CallExpression).arguments[0] as ts.StringLiteral).text, path: [init.name.text] };
    }
  }
  if (ts.isBindingElement(declaration)) {
    const holder = declaration.parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer && isRequireCall(unwrap(holder.initializer))) {
      const name = declaration.propertyName && ts.isIdentifier(declaration.propertyName) ? declaration.propertyName.text : (declaration.name as ts.Identifier).text;
      return { module: ((unwrap(holder.initializer) as ts.CallExpression).arguments[0] as ts.StringLiteral).text, path: [name] };
    }
  }
  return undefined;
}

function specifier(declaration: ts.ImportDeclaration | ts.JSDocImportTag, path: string[]): { module: string; path: string[] } | undefined {
  return ts.isStringLiteral(declaration.moduleSpecifier) ? { module: declaration.moduleSpecifier.text, path } : undefined;
}

/**
 * Which package member an expression is: `express` → express [], `express.Router` → express
 * [Router], `Router` from `import { Router } from "express"` → express [Router],
 * `require("fastify")` → fastify []. Undefined for anything of the repository's own.
 */
export function packageRef(project: JsProject, expr: ts.Node, depth = 0): { pkg: string; path: string[] } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = ts.isExpression(expr) ? unwrap(expr) : expr;
  if (isRequireCall(node)) return bare((node.arguments[0] as ts.StringLiteral).text, []);
  if (ts.isPropertyAccessExpression(node)) {
    const inner = packageRef(project, node.expression, depth + 1);
    if (inner) return { pkg: inner.pkg, path: [...inner.path, node.name.text] };
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const target = ts.isPropertyAccessExpression(node) ? node.name : node;
    const symbol = project.checker.getSymbolAtLocation(target);
    for (const declaration of symbol?.declarations ?? []) {
      const module = moduleOfDeclaration(declaration);
      if (module) return bare(module.module, module.path);
      if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const init = unwrap(declaration.initializer);
        if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) return packageRef(project, init, depth + 1);
      }
    }
  }
  return undefined;
}

function bare(module: string, path: string[]): { pkg: string; path: string[] } | undefined {
  if (module.startsWith(".") || module.startsWith("/")) return undefined;
  const pkg = module.replace(/^node:/, "");
  return { pkg, path };
}

/**
 * The constant value of an expression, when the code fixes it: literals, template strings and
 * `+` of constants, arrays and objects of constants, and names bound to them in any file.
 */
export function constantValue(project: JsProject, expr: ts.Node, depth = 0): JsonValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = ts.isExpression(expr) ? unwrap(expr) : expr;
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const v = constantValue(project, node.operand, depth + 1);
    return typeof v === "number" ? -v : undefined;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const v = constantValue(project, span.expression, depth + 1);
      if (v === undefined || typeof v === "object") return undefined;
      out += String(v) + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = constantValue(project, node.left, depth + 1);
    const r = constantValue(project, node.right, depth + 1);
    if ((typeof l === "string" || typeof l === "number") && (typeof r === "string" || typeof r === "number")) {
      return typeof l === "number" && typeof r === "number" ? l + r : String(l) + String(r);
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((e) => constantValue(project, e, depth + 1));
    return items.every((i) => i !== undefined) ? (items as JsonValue[]) : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, JsonValue> = {};
    for (const p of node.properties) {
      if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return undefined;
      const value = ts.isPropertyAssignment(p)
        ? constantValue(project, p.initializer, depth + 1)
        : ts.isShorthandPropertyAssignment(p)
          ? constantValue(project, p.name, depth + 1)
          : undefined;
      if (value === undefined) return undefined;
      out[p.name.text] = value;
    }
    return out;
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const origin = originOf(project, node, depth + 1);
    if (origin === node) return undefined;
    if (ts.isVariableDeclaration(origin) || ts.isParameter(origin) || ts.isBindingElement(origin)) return undefined;
    return constantValue(project, origin, depth + 1);
  }
  return undefined;
}

export function constantString(project: JsProject, expr: ts.Node): string | undefined {
  const v = constantValue(project, expr);
  return typeof v === "string" ? v : undefined;
}

/** The function a node is, or refers to: a declaration, an arrow, a function expression, a method. */
export function functionOf(project: JsProject, expr: ts.Node): ts.FunctionLikeDeclaration | undefined {
  const origin = originOf(project, expr);
  if (ts.isFunctionDeclaration(origin) || ts.isArrowFunction(origin) || ts.isFunctionExpression(origin) || ts.isMethodDeclaration(origin)) {
    return origin;
  }
  return undefined;
}

/** The statement that holds a node, directly inside a block or a source file. */
export function statementOf(node: ts.Node): ts.Statement {
  let n: ts.Node = node;
  while (n.parent && !ts.isBlock(n.parent) && !ts.isSourceFile(n.parent) && !ts.isModuleBlock(n.parent) && !ts.isCaseClause(n.parent)) {
    n = n.parent;
  }
  return n as ts.Statement;
}

/** Every node of a file, depth first. */
export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** What a module exports under a name (`default`, a named export, or `export=` for `module.exports = …`), followed to its origin. */
export function moduleExport(project: JsProject, path: string, name: string): ts.Node | undefined {
  const file = project.sourceFile(path);
  // The checker names only ES modules' symbols; a CommonJS file (`module.exports = …`) keeps its own.
  const moduleSymbol = file ? (project.checker.getSymbolAtLocation(file) ?? (file as { symbol?: ts.Symbol }).symbol) : undefined;
  if (!moduleSymbol) return undefined;
  const direct = moduleSymbol.exports?.get(ts.escapeLeadingUnderscores(name));
  const symbol = direct ?? (name === "default" ? moduleSymbol.exports?.get(ts.escapeLeadingUnderscores("export=")) : undefined);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (!declaration) return undefined;
  return originOfDeclarationPublic(project, declaration);
}

/** Where a `require("./x")` call leads: what the module exports as a whole. */
export function requiredModule(project: JsProject, call: ts.CallExpression): { path: string; value: ts.Node | undefined } | undefined {
  const path = project.resolveModule(project.pathOf(call), (call.arguments[0] as ts.StringLiteral).text);
  if (!path) return undefined;
  return { path, value: moduleExport(project, path, "export=") ?? moduleExport(project, path, "default") };
}
