import type { JsTestHarness } from "./analyse-js-tests.js";
import type { Call, PathTemplate, TestCase, Value } from "./test-cases.js";

function literal(value: Record<string, Value>): string {
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")} }`;
}

function bodyOf(h: JsTestHarness, response: string): string {
  return h.client === "inject" ? `${response}.json()` : `${response}.body`;
}

function statusOf(h: JsTestHarness, response: string): string {
  return h.client === "inject" ? `${response}.statusCode` : `${response}.status`;
}

function pathOf(h: JsTestHarness, path: PathTemplate): string {
  if ("literal" in path) return JSON.stringify(path.literal);
  return `\`${path.prefix}/\${${bodyOf(h, "created")}.id}\``;
}

function request(h: JsTestHarness, call: Call): string {
  const url = pathOf(h, call.path);
  if (h.client === "inject") {
    return `await ${h.appExpr}.inject({ method: "${call.method}", url: ${url}${call.body ? `, payload: ${literal(call.body)}` : ""} })`;
  }
  return `await ${h.requestFn}(${h.appExpr}).${call.method.toLowerCase()}(${url})${call.body ? `.send(${literal(call.body)})` : ""}`;
}

function assertions(h: JsTestHarness, c: TestCase, typescript: boolean): string[] {
  const lines: string[] = [];
  const a = h.assertName;
  lines.push(a ? `${a}.equal(${statusOf(h, "res")}, ${c.status});` : `expect(${statusOf(h, "res")}).toBe(${c.status});`);
  if (c.fields) {
    if (a) for (const [k, v] of Object.entries(c.fields)) lines.push(`${a}.equal(${bodyOf(h, "res")}.${k}, ${JSON.stringify(v)});`);
    else lines.push(`expect(${bodyOf(h, "res")}).toMatchObject(${literal(c.fields)});`);
  }
  if (c.listsCreated) {
    const item = typescript ? "(item: { id: unknown })" : "(item)";
    lines.push(
      a
        ? `${a}.ok(${bodyOf(h, "res")}.some(${item} => item.id === ${bodyOf(h, "created")}.id));`
        : `expect(${bodyOf(h, "res")}).toEqual(expect.arrayContaining([expect.objectContaining({ id: ${bodyOf(h, "created")}.id })]));`,
    );
  }
  if (c.followUp) {
    lines.push(`const after = ${request(h, c.followUp.call)};`);
    lines.push(a ? `${a}.equal(${statusOf(h, "after")}, ${c.followUp.status});` : `expect(${statusOf(h, "after")}).toBe(${c.followUp.status});`);
  }
  return lines;
}

function testBlock(h: JsTestHarness, c: TestCase, name: string, typescript: boolean): string {
  const body = [
    ...h.setup,
    ...(h.setup.length > 0 ? [""] : []),
    ...(c.create ? [`const created = ${request(h, c.create)};`] : []),
    `const res = ${request(h, c.call)};`,
    ...assertions(h, c, typescript),
  ];
  return `${h.testFn}(${JSON.stringify(name)}, async (${h.params}) => {\n${body.join("\n")}\n});`;
}

/** A test file in the model's runner and style; Prettier then gives it the repository's quotes and semicolons. */
export function renderJsTests(h: JsTestHarness, cases: TestCase[], typescript: boolean): string {
  const header = [h.header, h.assertImport].filter(Boolean).join("\n");
  const blocks: string[] = [];
  if (h.describeFn) {
    const endpoints = [...new Set(cases.map((c) => c.endpoint))];
    for (const endpoint of endpoints) {
      const inner = cases.filter((c) => c.endpoint === endpoint).map((c) => testBlock({ ...h, testFn: h.testFn }, c, c.name, typescript));
      blocks.push(`${h.describeFn}(${JSON.stringify(endpoint)}, () => {\n${inner.join("\n\n")}\n});`);
    }
  } else {
    for (const c of cases) blocks.push(testBlock(h, c, `${c.endpoint} ${c.name}`, typescript));
  }
  return `${header}\n\n${blocks.join("\n\n")}\n`;
}
