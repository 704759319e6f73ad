import type { SyntaxNode } from "@lezer/common";
import type { HttpMethod } from "../../../../understand/spec.js";
import { assignedNames, bodyOf, descendants, statementsOf, textOf } from "../../python/syntax-tree.js";
import type { AuthUse, TestCall, TestHarness } from "./test-model.js";

/** A served route as the tests see it: method, full FastAPI path and guard names. */
export interface GuardedPath {
  method: HttpMethod;
  path: string;
  guards: string[];
}

function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]*\\?\}|\{[^}]*\}/g, "[^/]+");
  return new RegExp(`^${escaped}/?$`);
}

/** The route a test request goes to, if any. */
export function routeOfCall(call: TestCall, routes: GuardedPath[]): GuardedPath | undefined {
  const path = call.path.split("?")[0]!.replace(/\{\}/g, "x");
  return routes.find((route) => route.method === call.method && pathPattern(route.path).test(path));
}

function namesIn(node: SyntaxNode, text: string): string[] {
  return [...new Set(descendants(node, "VariableName").map((name) => text.slice(name.from, name.to)))];
}

/** Sorts the names a headers expression uses into fixtures, earlier statements of the test, and module names. */
function sources(call: TestCall, node: SyntaxNode): Pick<AuthUse, "fixtures" | "setup" | "names"> {
  const { module, params } = call.test;
  const body = bodyOf(call.test.node);
  const before = body ? statementsOf(body).filter((statement) => statement.to <= call.node.from) : [];
  const fixtures = new Set<string>();
  const setup: SyntaxNode[] = [];
  const names = new Set<string>();
  const pending = namesIn(node, module.text);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (params.includes(name)) {
      fixtures.add(name);
      continue;
    }
    const local = [...before].reverse().find((statement) => assignedNames(module, statement).includes(name));
    if (local) {
      if (!setup.includes(local)) setup.push(local);
      pending.push(...namesIn(local, module.text));
    } else if (module.defs.has(name) || module.imports.has(name)) names.add(name);
  }
  setup.sort((a, b) => a.from - b.from);
  return { fixtures: [...fixtures], setup: setup.map((statement) => textOf(module, statement)), names: [...names] };
}

/** A headers expression written over several lines, as one line (black's magic trailing comma dropped). */
function oneLine(code: string): string {
  if (!code.includes("\n")) return code;
  return code.replace(/\s*\n\s*/g, " ").replace(/,\s*([}\])])/g, "$1").replace(/([{[(])\s+/g, "$1");
}

/** For each guard, how the existing tests send credentials to routes behind it, headers first. */
export function findAuthUses(harness: TestHarness, routes: GuardedPath[]): AuthUse[] {
  const withHeaders: (AuthUse & { rank: number })[] = [];
  const withClient: AuthUse[] = [];
  for (const call of harness.calls) {
    const route = routeOfCall(call, routes);
    if (!route || route.guards.length === 0) continue;
    for (const guard of route.guards) {
      // A test that only expects a refusal sends wrong or no credentials: no model for valid ones.
      if (call.headers && call.expectsDenial && !call.expectsSuccess) continue;
      if (call.headers) {
        // Tests that expect only success show valid credentials most surely.
        const rank = call.expectsSuccess && !call.expectsDenial ? 0 : 1;
        withHeaders.push({ guard, test: call.test, headers: oneLine(textOf(call.test.module, call.headers)), ...sources(call, call.headers), rank });
      } else if (call.expectsSuccess && !call.expectsDenial && call.test.params.includes(call.client)) {
        // No headers, success expected: the client fixture carries the credentials itself.
        withClient.push({ guard, test: call.test, client: call.client, fixtures: [call.client], setup: [], names: [] });
      }
    }
  }
  const ranked = withHeaders.sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...use }) => use);
  return [...ranked, ...withClient];
}
