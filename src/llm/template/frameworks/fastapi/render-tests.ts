import { snakeCase } from "../../../../understand/inflect.js";
import type { JsonValue } from "../../blueprint/blueprint.js";
import { freeName, pyIdentifier } from "../../python/identifiers.js";
import { pyLiteral, pyString, type QuoteStyle } from "../../python/python-literal.js";
import type { Check, Operand, SavedRef, TestCase, TestRequest, TestStep } from "../../testgen/test-plan.js";
import type { AuthUse } from "./test-model.js";

/** How the new tests reach the app and authenticate, as the file's other tests do. */
export interface TestStyle {
  quote: QuoteStyle;
  client: { kind: "fixture" | "module"; name: string };
  auth?: AuthUse;
  /** Function names the file has already. */
  taken: Set<string>;
}

const LINE_LIMIT = 88;

// Long enough to read as the case's sentence, short enough for a terminal line.
const MAX_NAME = 72;

export function testFunctionName(caseName: string, taken: Set<string>): string {
  let base = `test_${snakeCase(caseName)}`;
  if (base.length > MAX_NAME) base = base.slice(0, MAX_NAME).replace(/_[^_]*$/, "");
  const name = freeName(base, taken);
  taken.add(name);
  return name;
}

function other(quote: QuoteStyle): QuoteStyle {
  return quote === '"' ? "'" : '"';
}

function access(base: string, path: string[], quote: QuoteStyle): string {
  return base + path.map((key) => (/^\d+$/.test(key) ? `[${key}]` : `[${pyString(key, quote)}]`)).join("");
}

function savedExpr(ref: SavedRef, quote: QuoteStyle): string {
  return access(pyIdentifier(ref.saved), ref.path, quote);
}

function operand(op: Operand, quote: QuoteStyle): string {
  if (op.k === "json") return pyLiteral(op.value, quote);
  if (op.k === "saved") return savedExpr(op.ref, quote);
  if (op.k === "savedLength") return `len(${savedExpr(op.ref, quote)})`;
  return `${savedExpr(op.ref, quote)} + ${op.n}`;
}

function pathExpr(request: TestRequest, quote: QuoteStyle): string {
  const dynamic = request.path.some((segment) => typeof segment !== "string");
  if (!dynamic) return pyString(`/${(request.path as string[]).join("/")}`, quote);
  // Quotes inside f-string fields must differ from the outer ones before Python 3.12.
  const inner = other(quote);
  const parts = request.path.map((segment) =>
    typeof segment === "string" ? segment.replace(/[{}]/g, (c) => c + c).replace(new RegExp(quote, "g"), `\\${quote}`) : `{${savedExpr(segment, inner)}}`,
  );
  return `f${quote}/${parts.join("/")}${quote}`;
}

const TYPES: Record<string, string> = { string: "str", number: "(int, float)", integer: "int", boolean: "bool", array: "list", object: "dict" };

function checkLine(check: Check, body: string, quote: QuoteStyle): string | undefined {
  switch (check.k) {
    case "status":
    case "statusOneOf":
      return undefined;
    case "equals": {
      // `is` for singletons, as flake8 asks (E711, E712).
      const singleton = check.to.k === "json" && (check.to.value === null || typeof check.to.value === "boolean");
      return `assert ${access(body, check.path, quote)} ${singleton ? "is" : "=="} ${operand(check.to, quote)}`;
    }
    case "type":
      return `assert isinstance(${access(body, check.path, quote)}, ${TYPES[check.type]})`;
    case "has": {
      const key = check.path[check.path.length - 1];
      return key === undefined ? `assert ${body} is not None` : `assert ${pyString(key, quote)} in ${access(body, check.path.slice(0, -1), quote)}`;
    }
    case "between":
      return `assert ${check.min} <= ${access(body, check.path, quote)} <= ${check.max}`;
    case "containsWhere":
      return `assert any(item[${pyString(check.key, quote)}] == ${operand(check.to, quote)} for item in ${access(body, check.path, quote)})`;
    case "lacksWhere":
      return `assert all(item[${pyString(check.key, quote)}] != ${operand(check.to, quote)} for item in ${access(body, check.path, quote)})`;
    case "includes":
      return `assert ${pyString(check.text, quote)} in ${access(body, check.path, quote)}`;
  }
}

function requestLine(step: TestStep, style: TestStyle): string {
  const { request } = step;
  const q = style.quote;
  const valid = request.auth === "valid" && style.auth;
  const client = valid && style.auth?.client ? style.auth.client : style.client.name;
  const args = [pathExpr(request, q)];
  if (request.query && request.query.length > 0) {
    args.push(`params=${pyLiteral(Object.fromEntries(request.query) as JsonValue, q)}`);
  }
  if (request.body !== undefined) args.push(`json=${pyLiteral(request.body, q)}`);
  if (valid && style.auth?.headers) args.push(`headers=${style.auth.headers}`);
  const call = `response = ${client}.${request.method.toLowerCase()}(`;
  const line = `${call}${args.join(", ")})`;
  // Wrapped the way black wraps a call that does not fit on a line.
  if (line.length + 4 <= LINE_LIMIT || args.some((arg) => arg.includes("\n"))) return line;
  return `${call}\n${args.map((arg) => `    ${arg},`).join("\n")}\n)`;
}

function stepLines(step: TestStep, style: TestStyle): string[] {
  const q = style.quote;
  const lines = [requestLine(step, style)];
  for (const check of step.checks) {
    if (check.k === "status") lines.push(`assert response.status_code == ${check.status}`);
    if (check.k === "statusOneOf") lines.push(`assert response.status_code in (${check.statuses.join(", ")})`);
  }
  const bodyChecks = step.checks.filter((check) => check.k !== "status" && check.k !== "statusOneOf");
  const saved = step.save ? pyIdentifier(step.save) : undefined;
  if (saved) lines.push(`${saved} = response.json()`);
  else if (bodyChecks.length > 0) lines.push("body = response.json()");
  for (const check of bodyChecks) {
    const line = checkLine(check, saved ?? "body", q);
    if (line) lines.push(line);
  }
  return lines;
}

/** One test case as a pytest function in the style of the file's other tests. */
export function renderTestCase(testCase: TestCase, style: TestStyle): { name: string; code: string } {
  const name = testFunctionName(testCase.name, style.taken);
  const authed = testCase.steps.some((step) => step.request.auth === "valid") ? style.auth : undefined;
  const params = [...(style.client.kind === "fixture" ? [style.client.name] : []), ...(authed?.fixtures ?? [])];
  // Setup statements come from a test body, so their later lines carry its indentation already.
  const setup = (authed?.setup ?? []).map((statement) => `    ${statement}`);
  const steps = testCase.steps.flatMap((step) => stepLines(step, style)).flatMap((line) => line.split("\n").map((part) => `    ${part}`));
  const code = `def ${name}(${[...new Set(params)].join(", ")}):\n${[...setup, ...steps].join("\n")}`;
  return { name, code };
}
