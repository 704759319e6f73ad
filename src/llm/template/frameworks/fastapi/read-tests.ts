import type { SyntaxNode } from "@lezer/common";
import type { HttpMethod } from "../../../../understand/spec.js";
import { stringDelimiters, stringValue } from "../../python/eval-literal.js";
import { assignedNames, assignedValue, bodyOf, callArgs, callParts, childrenOf, decoratorParts, definedName, descendants, dottedName, statementsOf, textOf, undecorated } from "../../python/syntax-tree.js";
import { evalIn } from "./constants.js";
import { readParams } from "./dependencies.js";
import type { Project, PyModule } from "./python-project.js";
import type { Fixture, TestCall, TestFunction, TestHarness } from "./test-model.js";

const VERBS: Record<string, HttpMethod> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" };

// `status.HTTP_401_UNAUTHORIZED`, `HTTPStatus.FORBIDDEN`, `HTTPStatus.OK`.
const DENIALS = /^(HTTP_4\d\d\w*|BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|NOT_FOUND|UNPROCESSABLE_ENTITY|UNPROCESSABLE_CONTENT)$/;
const SUCCESSES = /^(HTTP_2\d\d\w*|OK|CREATED|NO_CONTENT|ACCEPTED)$/;

function isTestFile(path: string): boolean {
  return /(^|\/)test_[^/]*\.py$|_test\.py$/.test(path);
}

function makesClient(module: PyModule, node: SyntaxNode): boolean {
  return descendants(node, "CallExpression").some((call) => {
    const path = dottedName(module, callParts(call)!.callee);
    return path !== undefined && path[path.length - 1] === "TestClient";
  });
}

function readFixtures(modules: PyModule[]): Fixture[] {
  const out: Fixture[] = [];
  for (const module of modules) {
    for (const statement of statementsOf(module.tree.topNode)) {
      if (statement.name !== "DecoratedStatement") continue;
      const isFixture = childrenOf(statement).some((child) => child.name === "Decorator" && decoratorParts(module, child).name.at(-1) === "fixture");
      const func = undecorated(statement);
      const name = definedName(module, func);
      if (isFixture && name) out.push({ name, module, statement, client: makesClient(module, func) });
    }
  }
  return out;
}

/** A path argument: a string, or an f-string with constants filled in (`settings.API_V1_STR`) and other fields as `{}`. */
function pathText(project: Project, module: PyModule, node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === "String") return stringValue(textOf(module, node));
  if (node.name !== "FormatString") return undefined;
  const raw = textOf(module, node);
  const { prefix, quote } = stringDelimiters(raw);
  let out = "";
  let at = node.from + prefix.length + quote.length;
  for (const part of childrenOf(node)) {
    const inner = childrenOf(part).filter((child) => child.name !== "{" && child.name !== "}");
    const value = inner.length === 1 ? evalIn(project, module, inner[0]!) : undefined;
    out += module.text.slice(at, part.from) + (typeof value === "string" || typeof value === "number" ? String(value) : "{}");
    at = part.to;
  }
  return out + module.text.slice(at, node.to - quote.length);
}

function testFunctions(module: PyModule, project: Project): TestFunction[] {
  return statementsOf(module.tree.topNode)
    .map((statement) => undecorated(statement))
    .filter((node) => node.name === "FunctionDefinition" && (definedName(module, node) ?? "").startsWith("test"))
    .map((node) => ({ module, node, name: definedName(module, node)!, params: readParams(project, module, node).map((param) => param.name) }));
}

function callsOf(project: Project, test: TestFunction, clients: Set<string>): TestCall[] {
  const { module } = test;
  const body = bodyOf(test.node);
  if (!body) return [];
  // Status numbers the test compares with: a 4xx marks a refusal test, a 2xx a success test.
  const numbers = descendants(body, "Number").map((n) => textOf(module, n));
  const names = descendants(body, "PropertyName").map((n) => textOf(module, n));
  const expectsDenial = numbers.some((n) => /^4\d\d$/.test(n)) || names.some((n) => DENIALS.test(n));
  const expectsSuccess = numbers.some((n) => /^2\d\d$/.test(n)) || names.some((n) => SUCCESSES.test(n));
  const out: TestCall[] = [];
  for (const call of descendants(body, "CallExpression")) {
    const parts = callParts(call)!;
    const callee = dottedName(module, parts.callee);
    if (!callee || callee.length !== 2 || !VERBS[callee[1]!]) continue;
    const client = callee[0]!;
    if (!clients.has(client) && !/client/i.test(client)) continue;
    const args = callArgs(module, parts.args);
    const path = pathText(project, module, args.positional[0] ?? args.keywords.get("url"));
    if (path === undefined || !path.startsWith("/")) continue;
    const headers = args.keywords.get("headers");
    out.push({ test, client, method: VERBS[callee[1]!]!, path, node: call, ...(headers ? { headers } : {}), expectsDenial, expectsSuccess });
  }
  return out;
}

/** What the repository's pytest tests look like: their fixtures, clients and requests. */
export function readTests(project: Project): TestHarness {
  const testModules = project.modules.filter((module) => module.isTest);
  const modules = testModules.filter((module) => isTestFile(module.path));
  const conftests = testModules.filter((module) => /(^|\/)conftest\.py$/.test(module.path));
  const fixtures = readFixtures([...conftests, ...modules]);
  const moduleClients = new Map<PyModule, string>();
  for (const module of modules) {
    for (const statement of statementsOf(module.tree.topNode)) {
      const value = assignedValue(statement);
      const [name] = assignedNames(module, statement);
      if (value && name && makesClient(module, value)) moduleClients.set(module, name);
    }
  }
  const functions = modules.flatMap((module) => testFunctions(module, project));
  const clientNames = new Set([...fixtures.filter((f) => f.client).map((f) => f.name), ...moduleClients.values()]);
  const calls = functions.flatMap((test) => callsOf(project, test, clientNames));
  return { modules, fixtures, moduleClients, calls, functions };
}
