import type { FieldSpec, HttpMethod } from "../../../agents/task-request.js";
import type { Blueprint, OperationSpec } from "../model.js";

export type Value = string | number | boolean;

/** A path, or a path whose last segment is the id of the item created at the start of the test. */
export type PathTemplate = { literal: string } | { prefix: string; createdId: true };

export interface Call {
  method: HttpMethod;
  path: PathTemplate;
  body?: Record<string, Value> | undefined;
}

export interface TestCase {
  /** `GET /todos/:id`: tests are grouped by it. */
  endpoint: string;
  /** What the test shows, without the endpoint. */
  name: string;
  /** Create an item through the API first; its id is then available to `call` and `followUp`. */
  create?: Call | undefined;
  call: Call;
  status: number;
  /** Fields the response body must have. */
  fields?: Record<string, Value> | undefined;
  /** The response body is a list holding the created item. */
  listsCreated?: boolean | undefined;
  /** A request after the call, and the status it must get. */
  followUp?: { call: Call; status: number } | undefined;
}

/** An id no fresh in-memory store will have handed out, valid as a number and as a string. */
export const MISSING_ID = "999999";

function sample(field: FieldSpec, variant: "first" | "second"): Value {
  if (field.type === "number") return variant === "first" ? 3 : 7;
  if (field.type === "boolean") return variant === "first";
  return `${variant === "first" ? "Sample" : "Updated"} ${field.name}`;
}

export function sampleBody(fields: FieldSpec[], variant: "first" | "second" = "first"): Record<string, Value> {
  return Object.fromEntries(fields.map((f) => [f.name, sample(f, variant)]));
}

function itemPath(op: OperationSpec): { prefix: string; createdId: true } {
  return { prefix: op.path.replace(/\/:[^/]+$/, ""), createdId: true };
}

function missingPath(op: OperationSpec): PathTemplate {
  return { literal: op.path.replace(/:[^/]+$/, MISSING_ID) };
}

/** The tests for one blueprint: success, not found and validation failure for every new operation. */
export function testCases(bp: Blueprint): TestCase[] {
  const one = bp.names.singular;
  const create: Call | undefined = bp.createVia ? { method: "POST", path: { literal: bp.createVia.path }, body: sampleBody(bp.createVia.fields) } : undefined;
  const createdFields = bp.createVia ? sampleBody(bp.createVia.fields) : undefined;
  const cases: TestCase[] = [];
  for (const op of bp.operations) {
    const label = `${op.method} ${op.path}`;
    switch (op.operation) {
      case "list":
        if (create) cases.push({ endpoint: label, name: `lists the ${bp.names.plural}`, create, call: { method: "GET", path: { literal: op.path } }, status: op.successStatus, listsCreated: true });
        else cases.push({ endpoint: label, name: `answers with a list`, call: { method: "GET", path: { literal: op.path } }, status: op.successStatus });
        break;
      case "get":
        if (create) cases.push({ endpoint: label, name: `returns the ${one}`, create, call: { method: "GET", path: itemPath(op) }, status: op.successStatus, fields: createdFields });
        cases.push({ endpoint: label, name: `answers 404 for a missing ${one}`, call: { method: "GET", path: missingPath(op) }, status: 404 });
        break;
      case "create":
        cases.push({ endpoint: label, name: `creates a ${one}`, call: { method: op.method, path: { literal: op.path }, body: sampleBody(bp.fields) }, status: op.successStatus, fields: sampleBody(bp.fields) });
        cases.push({ endpoint: label, name: `rejects a ${one} without ${bp.fields[0]!.name}`, call: { method: op.method, path: { literal: op.path }, body: {} }, status: bp.validationStatus });
        break;
      case "update": {
        const body = sampleBody(bp.fields, "second");
        if (create) {
          cases.push({ endpoint: label, name: `updates the ${one}`, create, call: { method: op.method, path: itemPath(op), body }, status: op.successStatus, fields: body });
          if (op.method === "PUT") cases.push({ endpoint: label, name: `rejects an invalid ${one}`, create, call: { method: op.method, path: itemPath(op), body: {} }, status: bp.validationStatus });
        }
        cases.push({ endpoint: label, name: `answers 404 for a missing ${one}`, call: { method: op.method, path: missingPath(op), body }, status: 404 });
        break;
      }
      case "delete": {
        const followUp = bp.getPath ? { call: { method: "GET" as const, path: itemPath({ ...op, path: bp.getPath }) }, status: 404 } : undefined;
        if (create) cases.push({ endpoint: label, name: `deletes the ${one}`, create, call: { method: op.method, path: itemPath(op) }, status: op.successStatus, followUp });
        cases.push({ endpoint: label, name: `answers 404 for a missing ${one}`, call: { method: op.method, path: missingPath(op) }, status: 404 });
        break;
      }
    }
  }
  return cases;
}
