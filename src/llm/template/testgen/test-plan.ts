import type { HttpMethod, JsonValue } from "../blueprint/blueprint.js";

/**
 * Tests derived from the behaviours an issue states, in no particular language: each case is a
 * few HTTP exchanges with checks. Writers render them in the repository's own test style
 * (supertest, inject, TestClient, …).
 */

/** A value an earlier step saved: `created.id` is `{ saved: "created", path: ["id"] }`. */
export interface SavedRef {
  saved: string;
  path: string[];
}

/** Something a check compares with: a JSON value, a saved value, or a saved number plus n. */
export type Operand =
  | { k: "json"; value: JsonValue }
  | { k: "saved"; ref: SavedRef }
  | { k: "savedPlus"; ref: SavedRef; n: number }
  /** The number of elements of a saved array. */
  | { k: "savedLength"; ref: SavedRef };

export interface TestRequest {
  method: HttpMethod;
  /** Path segments after the leading slash; a saved value fills a segment (an id). */
  path: (string | SavedRef)[];
  /** Query parameters, in order. */
  query?: [string, string][];
  /** A JSON body. */
  body?: JsonValue;
  /**
   * `valid`: the request carries the credentials the repository's tests use; `none`: no
   * credentials at all. Endpoints without authentication are always called with `none`.
   */
  auth: "valid" | "none";
}

/** `path` is a path into the JSON body: `[]` is the whole body, `["items", "0", "id"]` a nested value. */
export type Check =
  | { k: "status"; status: number }
  /** Any of these statuses: a refusal the issue does not pin to one code (401 or 403). */
  | { k: "statusOneOf"; statuses: number[] }
  | { k: "equals"; path: string[]; to: Operand }
  | { k: "type"; path: string[]; type: "string" | "number" | "integer" | "boolean" | "array" | "object" }
  | { k: "has"; path: string[] }
  | { k: "between"; path: string[]; min: number; max: number }
  /** The body (an array) holds an element whose `key` equals the operand. */
  | { k: "containsWhere"; path: string[]; key: string; to: Operand }
  /** The body (an array) holds no element whose `key` equals the operand. */
  | { k: "lacksWhere"; path: string[]; key: string; to: Operand }
  /** The string at path contains the text. */
  | { k: "includes"; path: string[]; text: string };

export interface TestStep {
  request: TestRequest;
  /** The status check comes first; body checks follow. */
  checks: Check[];
  /** Keeps the response's JSON body under this name for later steps. */
  save?: string;
}

export interface TestCase {
  /** Reads as a sentence: "GET /api/greeting answers 400 for a name longer than 50 characters". */
  name: string;
  steps: TestStep[];
}
