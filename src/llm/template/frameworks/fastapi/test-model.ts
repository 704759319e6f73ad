import type { SyntaxNode } from "@lezer/common";
import type { HttpMethod } from "../../../../understand/spec.js";
import type { PyModule } from "./python-project.js";

/** How a test reaches the app: a pytest fixture it takes as a parameter, or a module-level client. */
export type ClientAccess = { kind: "fixture"; name: string; module: PyModule } | { kind: "module"; name: string; module: PyModule };

export interface TestFunction {
  module: PyModule;
  node: SyntaxNode;
  name: string;
  params: string[];
}

/** A request a test sends: `test_client.post("/api/model/predict", headers={...})`. */
export interface TestCall {
  test: TestFunction;
  client: string;
  method: HttpMethod;
  /** The path as written, placeholders of f-strings as `{}`. */
  path: string;
  node: SyntaxNode;
  headers?: SyntaxNode;
  /** Whether the test expects a 4xx status somewhere. */
  expectsDenial: boolean;
  /** Whether the test expects a 2xx status somewhere. */
  expectsSuccess: boolean;
}

/** How the existing tests call a route behind a guard, to do the same in new tests. */
export interface AuthUse {
  guard: string;
  test: TestFunction;
  /** The `headers=` argument as written, when the credentials travel there. */
  headers?: string;
  /** A client fixture that is authenticated by itself, when the call has no headers. */
  client?: string;
  /** Fixtures of the test the credentials come from (`api_token`). */
  fixtures: string[];
  /** Statements of the test before the call that the headers need. */
  setup: string[];
  /** Module-level names of the test module the headers use (`config`). */
  names: string[];
}

export interface Fixture {
  name: string;
  module: PyModule;
  statement: SyntaxNode;
  /** It gives a TestClient. */
  client: boolean;
}

export interface TestHarness {
  /** Test modules (`test_*.py`, `*_test.py`). */
  modules: PyModule[];
  fixtures: Fixture[];
  /** Module-level `client = TestClient(app)` per test module. */
  moduleClients: Map<PyModule, string>;
  calls: TestCall[];
  functions: TestFunction[];
}
