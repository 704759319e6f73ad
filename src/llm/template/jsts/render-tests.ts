import type { JsonValue } from "../blueprint/blueprint.js";
import type { Check, Operand, SavedRef, TestCase, TestStep } from "../testgen/test-plan.js";
import type { JsTestHarness } from "./test-harness.js";

const IDENT = /^[A-Za-z_$][\w$]*$/;

function access(base: string, path: string[]): string {
  return path.reduce((acc, key) => (IDENT.test(key) ? `${acc}.${key}` : `${acc}[${JSON.stringify(key)}]`), base);
}

function literal(value: JsonValue): string {
  return JSON.stringify(value);
}

function savedExpr(ref: SavedRef): string {
  return access(ref.saved, ref.path);
}

function operand(o: Operand): string {
  if (o.k === "json") return literal(o.value);
  if (o.k === "saved") return savedExpr(o.ref);
  if (o.k === "savedLength") return `${savedExpr(o.ref)}.length`;
  return `${savedExpr(o.ref)} + ${o.n}`;
}

function url(step: TestStep): string {
  const parts = step.request.path.map((s) => (typeof s === "string" ? s : `\${${savedExpr(s)}}`));
  const path = `/${parts.join("/")}`;
  return parts.some((p) => p.startsWith("${")) ? `\`${path}\`` : literal(path);
}

interface Assert {
  status(actual: string, status: number): string;
  oneOf(actual: string, statuses: number[]): string;
  equals(actual: string, expected: string, deep: boolean): string;
  ok(condition: string): string;
}

function asserter(h: JsTestHarness): Assert {
  if (h.assert === "assert") {
    const a = h.assertName;
    return {
      status: (x, s) => `${a}.strictEqual(${x}, ${s});`,
      oneOf: (x, ss) => `${a}.ok(${literal(ss)}.includes(${x}));`,
      equals: (x, e, deep) => (deep ? `${a}.deepStrictEqual(${x}, ${e});` : `${a}.strictEqual(${x}, ${e});`),
      ok: (c) => `${a}.ok(${c});`,
    };
  }
  if (h.assert === "chai") {
    return {
      status: (x, s) => `expect(${x}).to.equal(${s});`,
      oneOf: (x, ss) => `expect(${literal(ss)}).to.include(${x});`,
      equals: (x, e, deep) => (deep ? `expect(${x}).to.deep.equal(${e});` : `expect(${x}).to.equal(${e});`),
      ok: (c) => `expect(${c}).to.equal(true);`,
    };
  }
  return {
    status: (x, s) => `expect(${x}).toBe(${s});`,
    oneOf: (x, ss) => `expect(${literal(ss)}).toContain(${x});`,
    equals: (x, e, deep) => (deep ? `expect(${x}).toEqual(${e});` : `expect(${x}).toBe(${e});`),
    ok: (c) => `expect(${c}).toBe(true);`,
  };
}

function check(c: Check, res: string, body: string, a: Assert, item: string): string[] {
  switch (c.k) {
    case "status":
      return [a.status(res, c.status)];
    case "statusOneOf":
      return [a.oneOf(res, c.statuses)];
    case "equals": {
      const deep = c.to.k === "json" && typeof c.to.value === "object" && c.to.value !== null;
      return [a.equals(access(body, c.path), operand(c.to), deep)];
    }
    case "type": {
      const x = access(body, c.path);
      if (c.type === "array") return [a.ok(`Array.isArray(${x})`)];
      if (c.type === "integer") return [a.ok(`Number.isInteger(${x})`)];
      if (c.type === "object") return [a.ok(`typeof ${x} === "object" && ${x} !== null`)];
      return [a.equals(`typeof ${x}`, literal(c.type), false)];
    }
    case "has":
      return [a.ok(`${access(body, c.path)} !== undefined`)];
    case "between": {
      const x = access(body, c.path);
      return [a.ok(`${x} >= ${c.min} && ${x} <= ${c.max}`)];
    }
    case "containsWhere":
      return [a.ok(`${access(body, c.path)}.some((${item}) => ${access("entry", [c.key])} === ${operand(c.to)})`)];
    case "lacksWhere":
      return [a.ok(`!${access(body, c.path)}.some((${item}) => ${access("entry", [c.key])} === ${operand(c.to)})`)];
    case "includes":
      return [a.ok(`${access(body, c.path)}.includes(${literal(c.text)})`)];
  }
}

function stepLines(h: JsTestHarness, step: TestStep, n: number, a: Assert): string[] {
  const res = `res${n}`;
  const r = step.request;
  const lines: string[] = [];
  const auth = r.auth === "valid" && h.auth ? h.auth : undefined;
  if (h.client === "supertest") {
    let chain = `await ${h.requestFn}(${h.appExpr}).${r.method.toLowerCase()}(${url(step)})`;
    if (auth) chain += `.set(${literal(auth.header)}, ${auth.value})`;
    if (r.query) chain += `.query(${literal(Object.fromEntries(r.query))})`;
    if (r.body !== undefined) chain += `.send(${literal(r.body)})`;
    lines.push(`const ${res} = ${chain};`);
  } else {
    const props = [`method: ${literal(r.method)}`, `url: ${url(step)}`];
    if (r.query) props.push(`query: ${literal(Object.fromEntries(r.query))}`);
    if (r.body !== undefined) props.push(`payload: ${literal(r.body)}`);
    if (auth) props.push(`headers: { ${literal(auth.header.toLowerCase())}: ${auth.value} }`);
    lines.push(`const ${res} = await ${h.appExpr}.inject({ ${props.join(", ")} });`);
  }
  const status = h.client === "supertest" ? `${res}.status` : `${res}.statusCode`;
  const needsBody = step.save !== undefined || step.checks.some((c) => c.k !== "status" && c.k !== "statusOneOf");
  const body = h.client === "supertest" ? `${res}.body` : `body${n}`;
  const item = h.typescript ? "entry: Record<string, unknown>" : "entry";
  for (const c of step.checks.filter((x) => x.k === "status" || x.k === "statusOneOf")) lines.push(...check(c, status, body, a, item));
  if (needsBody && h.client === "inject") lines.push(`const ${body} = ${res}.json();`);
  for (const c of step.checks.filter((x) => x.k !== "status" && x.k !== "statusOneOf")) lines.push(...check(c, status, body, a, item));
  if (step.save) lines.push(`const ${step.save} = ${body};`);
  return lines;
}

/** One test case as the harness writes tests. */
export function renderCase(h: JsTestHarness, c: TestCase): string {
  const a = asserter(h);
  const lines = c.steps.flatMap((s, i) => stepLines(h, s, i + 1, a));
  const setup = h.perTest ? `${h.perTest}\n` : "";
  return `${h.testFn}(${literal(c.name)}, async (${h.testParams}) => {\n${setup}${lines.join("\n")}\n});`;
}

/** The suite of new tests: the harness's suite function and its set-up around the cases. */
export function renderSuite(h: JsTestHarness, title: string, cases: TestCase[]): string {
  const body = cases.map((c) => renderCase(h, c)).join("\n\n");
  if (!h.describeFn) return body;
  const prelude = h.describePrelude ? `${h.describePrelude}\n\n` : "";
  return `${h.describeFn}(${literal(title)}, () => {\n${prelude}${body}\n});`;
}
