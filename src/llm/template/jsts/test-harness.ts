import ts from "typescript";
import { isTestPath } from "../../../repo/source-files.js";
import type { JsProject } from "./project.js";
import { walk } from "./symbols.js";

/** How the repository's HTTP tests are written, read from the test file new tests follow. */
export interface JsTestHarness {
  /** The test file followed; new tests sit next to it. */
  file: string;
  text: string;
  client: "supertest" | "inject";
  /** supertest's local name: `request`. */
  requestFn: string;
  /** What requests go to: `app`, `server`, `await create()`. */
  appExpr: string;
  /** Top-level statements before the first test or suite: imports and shared setup. */
  header: string;
  /** The suite function (`describe`), when tests sit in one. */
  describeFn: string | undefined;
  /** Statements inside the suite before its first test (`let app; beforeAll(...)`). */
  describePrelude: string;
  testFn: string;
  /** Parameters of a test's callback (`t` for node:test helpers). */
  testParams: string;
  /** Statements a test runs before its first request (`const app = await build(t)`). */
  perTest: string;
  assert: "expect" | "chai" | "assert";
  /** The local name of node's assert, when used. */
  assertName: string;
  typescript: boolean;
  esm: boolean;
  /** A header the tests send to authenticate, and the expression of its value, when a test shows one. */
  auth?: { header: string; value: string };
}

const TEST_CALL = /^(describe|suite|it|test|context)$/;

function isTestCall(s: ts.Statement): ts.CallExpression | undefined {
  if (!ts.isExpressionStatement(s)) return undefined;
  let e = s.expression;
  if (ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return undefined;
  const callee = ts.isPropertyAccessExpression(e.expression) ? e.expression.expression : e.expression;
  return ts.isIdentifier(callee) && TEST_CALL.test(callee.text) ? e : undefined;
}

function callbackOf(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
  const fn = [...call.arguments].reverse().find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  return fn as ts.FunctionLikeDeclaration | undefined;
}

function calleeName(call: ts.CallExpression): string {
  const c = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
  return c.getText();
}

interface Requests {
  supertest?: { fn: string; app: string };
  inject?: string;
  count: number;
  paths: string[];
  auth?: { header: string; value: string };
}

function requestsIn(node: ts.Node): Requests {
  const out: Requests = { count: 0, paths: [] };
  walk(node, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const name = n.expression.name.text;
    const target = n.expression.expression;
    if (/^(get|post|put|patch|delete)$/.test(name) && ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.arguments.length === 1) {
      out.supertest ??= { fn: target.expression.text, app: target.arguments[0]!.getText() };
      out.count += 1;
      const p = n.arguments[0];
      if (p && ts.isStringLiteralLike(p)) out.paths.push(p.text);
    }
    if (name === "inject") {
      out.inject ??= target.getText();
      out.count += 1;
      const options = n.arguments[0] && ts.isObjectLiteralExpression(n.arguments[0]) ? n.arguments[0] : undefined;
      const url = options?.properties.find((p) => p.name?.getText() === "url" || p.name?.getText() === "path");
      if (url && ts.isPropertyAssignment(url) && ts.isStringLiteralLike(url.initializer)) out.paths.push(url.initializer.text);
      // `inject({ headers: { authorization: `Bearer ${token}` } })`: the credentials the tests send.
      const headers = options?.properties.find((p) => p.name?.getText() === "headers");
      if (!out.auth && headers && ts.isPropertyAssignment(headers) && ts.isObjectLiteralExpression(headers.initializer)) {
        const header = headers.initializer.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && /auth|token|key/i.test(p.name.getText()));
        if (header) out.auth = { header: header.name.getText().replace(/^['"]|['"]$/g, ""), value: header.initializer.getText() };
      }
    }
    if (name === "set" && n.arguments.length === 2 && ts.isStringLiteralLike(n.arguments[0]!) && /auth|token|key/i.test(n.arguments[0].text)) {
      out.auth ??= { header: n.arguments[0].text, value: n.arguments[1]!.getText() };
    }
  });
  return out;
}

function assertionStyle(text: string): { assert: JsTestHarness["assert"]; assertName: string } {
  const node = /(?:import\s+(?:\*\s+as\s+)?(\w+)\s+from|(?:const|let)\s+(\w+)\s*=\s*require\()\s*\(?['"](?:node:)?assert(?:\/strict)?['"]/.exec(text);
  if (node) return { assert: "assert", assertName: node[1] ?? node[2] ?? "assert" };
  if (/['"]chai['"]/.test(text)) return { assert: "chai", assertName: "expect" };
  return { assert: "expect", assertName: "expect" };
}

/**
 * A test's statements before its first request that make what the request needs
 * (`const app = await build(t)`, `await app.ready()`); assertions and their counts are left out.
 */
function perTestSetup(test: ts.FunctionLikeDeclaration | undefined): string {
  if (!test?.body || !ts.isBlock(test.body)) return "";
  const lines: string[] = [];
  for (const s of test.body.statements) {
    if (requestsIn(s).count > 0) break;
    const text = s.getText();
    if (/^\s*(expect|assert|t\.(plan|equal|ok))\b|expect\.(assertions|hasAssertions)/.test(text)) continue;
    if (ts.isVariableStatement(s) && !/\b(build|create|app|server|fastify|inject|await)\b/.test(text)) continue;
    lines.push(text);
  }
  return lines.join("\n");
}

/** The suite and test that make requests, so set-up is read from a test that uses it. */
function testsWithRequests(statements: ts.Statement[]): { suite: ts.CallExpression | undefined; test: ts.CallExpression | undefined; prelude: string } {
  for (const s of statements) {
    const call = isTestCall(s);
    if (!call || requestsIn(s).count === 0) continue;
    if (/^(it|test)$/.test(calleeName(call))) return { suite: undefined, test: call, prelude: "" };
    const body = callbackOf(call)?.body;
    if (!body || !ts.isBlock(body)) continue;
    const inner = [...body.statements];
    const firstTest = inner.findIndex((x) => isTestCall(x) && /^(it|test)$/.test(calleeName(isTestCall(x)!)));
    const withRequest = inner.find((x) => isTestCall(x) && requestsIn(x).count > 0);
    const prelude = inner.slice(0, firstTest < 0 ? 0 : firstTest).map((x) => x.getText()).join("\n");
    return { suite: call, test: withRequest ? isTestCall(withRequest) : undefined, prelude };
  }
  return { suite: undefined, test: undefined, prelude: "" };
}

/**
 * Picks the test file new tests follow (one that calls the routes under `near`, else the one with
 * the most HTTP calls) and reads how it is built.
 */
export function readTestHarness(project: JsProject, near: string[], preferred?: string): JsTestHarness | undefined {
  let best: { file: ts.SourceFile; score: number; req: Requests } | undefined;
  for (const path of project.sources.filter(isTestPath)) {
    const file = project.sourceFile(path);
    if (!file) continue;
    const req = requestsIn(file);
    if (req.count === 0) continue;
    const close = req.paths.filter((p) => near.some((n) => n !== "/" && p.startsWith(n))).length;
    const score = (path === preferred ? 10_000 : 0) + close * 100 + req.count - path.split("/").length;
    if (!best || score > best.score) best = { file, score, req };
  }
  if (!best) return undefined;
  const { file, req } = best;
  const path = project.pathOf(file);
  const statements = [...file.statements];
  const firstTest = statements.findIndex((s) => isTestCall(s));
  const header = statements.slice(0, firstTest < 0 ? statements.length : firstTest).map((s) => s.getText()).join("\n");
  const { suite, test, prelude: describePrelude } = testsWithRequests(statements);
  const callback = test ? callbackOf(test) : undefined;
  const text = file.text;
  return {
    file: path,
    text,
    client: req.supertest ? "supertest" : "inject",
    requestFn: req.supertest?.fn ?? "request",
    appExpr: req.supertest?.app ?? req.inject ?? "app",
    header,
    describeFn: suite ? calleeName(suite) : undefined,
    describePrelude,
    testFn: test ? calleeName(test) : "test",
    testParams: callback?.parameters.map((p) => p.name.getText()).join(", ") ?? "",
    perTest: perTestSetup(callback),
    ...assertionStyle(text),
    typescript: /\.[cm]?tsx?$/.test(path),
    esm: /^\s*import\s/m.test(text),
    ...(req.auth ? { auth: req.auth } : {}),
  };
}
