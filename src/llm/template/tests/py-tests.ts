import { posix } from "node:path";
import { snakeCase } from "../../../agents/inflect.js";
import type { RepoView } from "../../../forge/forge.js";
import { isIgnoredPath } from "../../../repo/source-files.js";
import type { Analysis } from "../model.js";
import type { Call, PathTemplate, TestCase, Value } from "./test-cases.js";

export interface PyTestHarness {
  model: string;
  header: string;
  client: string;
  /** The client comes from a pytest fixture, so each test takes it as an argument. */
  fixture: boolean;
}

const FIRST_TEST = /^(?:def\s+test_|async\s+def\s+test_|class\s+Test|@pytest\.mark)/m;

/** How the repository's pytest tests reach the app: a module-level TestClient or a `client` fixture. */
export async function analysePyTests(repo: RepoView, plural: string): Promise<Analysis<PyTestHarness>> {
  const paths = (await repo.files()).map((f) => f.path).filter((p) => !isIgnoredPath(p) && /(^|\/)test_[^/]*\.py$|_test\.py$/.test(p));
  const texts = new Map<string, string>();
  for (const p of paths.slice(0, 30)) {
    const t = await repo.read(p);
    if (t !== undefined && /TestClient|client\./.test(t)) texts.set(p, t);
  }
  const model = [...texts.keys()].sort((a, b) => Number(texts.get(b)!.includes(`/${plural}`)) - Number(texts.get(a)!.includes(`/${plural}`)) || a.localeCompare(b))[0];
  if (!model) return { ok: false, reason: "The repository has no pytest tests using FastAPI's TestClient for the template provider to follow." };
  const text = texts.get(model)!;
  const first = FIRST_TEST.exec(text);
  const header = text.slice(0, first?.index ?? text.length).replace(/\s+$/, "");
  const moduleClient = /^(\w+)\s*=\s*TestClient\(/m.exec(header)?.[1];
  if (moduleClient) return { ok: true, value: { model, header, client: moduleClient, fixture: false } };
  const conftest = (await repo.read(posix.join(posix.dirname(model), "conftest.py"))) ?? (await repo.read("conftest.py")) ?? "";
  const fixture = /@pytest\.fixture[^\n]*\n\s*def\s+(\w+)\(/.exec(`${header}\n${conftest}`)?.[1];
  if (fixture) return { ok: true, value: { model, header, client: fixture, fixture: true } };
  return { ok: false, reason: `\`${model}\` builds its TestClient in a way the template provider cannot follow.` };
}

function pyValue(v: Value): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  return JSON.stringify(v);
}

function pyDict(body: Record<string, Value>): string {
  return `{${Object.entries(body)
    .map(([k, v]) => `"${k}": ${pyValue(v)}`)
    .join(", ")}}`;
}

function pyPath(path: PathTemplate): string {
  return "literal" in path ? JSON.stringify(path.literal) : `f"${path.prefix}/{created['id']}"`;
}

function call(h: PyTestHarness, c: Call): string {
  const body = c.body ? `, json=${pyDict(c.body)}` : "";
  return `${h.client}.${c.method.toLowerCase()}(${pyPath(c.path)}${body})`;
}

function testName(c: TestCase, taken: Set<string>): string {
  let name = `test_${snakeCase(`${c.endpoint.replace(/[:{}]/g, " ")} ${c.name}`)}`;
  for (let i = 2; taken.has(name); i += 1) name = `${name}_${i}`;
  taken.add(name);
  return name;
}

export function renderPyTests(h: PyTestHarness, cases: TestCase[]): string {
  const taken = new Set<string>();
  const blocks = cases.map((c) => {
    const lines = [`def ${testName(c, taken)}(${h.fixture ? h.client : ""}):`];
    if (c.create) lines.push(`    created = ${call(h, c.create)}.json()`);
    lines.push(`    response = ${call(h, c.call)}`, `    assert response.status_code == ${c.status}`);
    for (const [k, v] of Object.entries(c.fields ?? {})) lines.push(`    assert response.json()["${k}"] == ${pyValue(v)}`);
    if (c.listsCreated) lines.push(`    assert any(item["id"] == created["id"] for item in response.json())`);
    if (c.followUp) lines.push(`    assert ${call(h, c.followUp.call)}.status_code == ${c.followUp.status}`);
    return lines.join("\n");
  });
  return `${h.header}\n\n\n${blocks.join("\n\n\n")}\n`;
}

export function pyTestPath(model: string, base: string, taken: Set<string>): string {
  const dir = posix.dirname(model);
  const prefix = dir === "." ? "" : `${dir}/`;
  let path = `${prefix}test_${base}.py`;
  for (let i = 2; taken.has(path); i += 1) path = `${prefix}test_${base}_${i}.py`;
  return path;
}
