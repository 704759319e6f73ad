import { describe, expect, it } from "vitest";
import { TaskSpec } from "../../src/domain/task-spec.js";
import type { EndpointSpec, TaskUnderstanding } from "../../src/understand/spec.js";
import { understandTask } from "../../src/understand/understand-task.js";
import type { CorpusRow } from "./corpus-row.js";
import { CUSTOM_ROWS } from "./corpus-custom.js";
import { FORM_ROWS } from "./corpus-forms.js";
import { MISSING_ROWS } from "./corpus-missing.js";
import { REAL_ROWS } from "./corpus-real.js";
import { RESOURCE_ROWS } from "./corpus-resources.js";
import { SHAPE_ROWS } from "./corpus-shapes.js";

const ROWS: CorpusRow[] = [...REAL_ROWS, ...CUSTOM_ROWS, ...RESOURCE_ROWS, ...SHAPE_ROWS, ...FORM_ROWS, ...MISSING_ROWS];

function endpoint(task: TaskUnderstanding, key: string): EndpointSpec {
  const found = task.endpoints.find((e) => `${e.method} ${e.path}` === key);
  if (!found) throw new Error(`no endpoint ${key} in ${task.endpoints.map((e) => `${e.method} ${e.path}`).join(", ")}`);
  return found;
}

function checkHints(task: TaskUnderstanding, row: CorpusRow): void {
  for (const [key, value] of Object.entries(row.hints ?? {})) {
    const actual = task.hints[key as keyof typeof task.hints];
    if (value === undefined) expect(actual, key).toBeUndefined();
    else if (Array.isArray(value)) expect(actual, key).toEqual(expect.arrayContaining(value));
    else expect(actual, key).toEqual(value);
  }
}

function checkUnderstood(task: TaskUnderstanding, row: CorpusRow): void {
  if (row.endpoints) expect(task.endpoints.map((e) => [`${e.method} ${e.path}`, e.role, e.status])).toEqual(row.endpoints);
  for (const [key, part] of Object.entries(row.detail ?? {})) expect(endpoint(task, key)).toEqual(expect.objectContaining(part));
  if (row.resource) expect(task.resource).toEqual(expect.objectContaining(row.resource));
  if (row.fields) expect(task.resource?.fields ?? []).toEqual(expect.arrayContaining(row.fields.map((f) => expect.objectContaining(f))));
  for (const name of row.notFields ?? []) expect(task.resource?.fields.map((f) => f.name)).not.toContain(name);
  for (const o of row.outcomes ?? []) {
    const expected = expect.objectContaining({ status: o.status, when: o.when, ...(o.body ? { body: expect.objectContaining(o.body) } : {}) });
    expect(endpoint(task, o.endpoint).outcomes).toContainEqual(expected);
  }
  if (row.storage) expect(task.storage).toEqual(row.storage);
  if (row.auth) expect(task.auth).toEqual(row.auth);
  if (row.summary) expect(task.summary).toBe(row.summary);
  checkHints(task, row);
  row.check?.(task);
}

describe("understandTask corpus", () => {
  it("holds at least 80 phrasings", () => expect(ROWS.length).toBeGreaterThanOrEqual(80));

  it.each(ROWS.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const result = understandTask(TaskSpec.parse(row.task));
    if (row.missing) {
      expect(result).toEqual({ ok: false, missing: expect.objectContaining(row.missing) });
      return;
    }
    if (!result.ok) throw new Error(`not understood: ${result.missing.reason}`);
    checkUnderstood(result.task, row);
  });
});
