import type { AuthSpec } from "../../../understand/spec.js";
import type { Guard, RepoReading, Result } from "../frameworks/framework.js";
import type { AuthPlan } from "./blueprint.js";

function shape(path: string): string {
  return path.replace(/:[^/]+|\{[^}]+\}/g, ":").replace(/\/+$/, "") || "/";
}

function byUse(guards: Guard[]): Guard[] {
  return [...guards].sort((a, b) => b.guards.length - a.guards.length);
}

/** The guard a named thing means: a route's path, a function's name, or "the others". */
function find(reading: RepoReading, auth: Extract<AuthSpec, { kind: "required" }>): Guard | undefined {
  // "GET /api/secret" names a route by its path; the method adds nothing.
  const like = auth.like?.trim().replace(/\(\)$/, "").replace(/^(GET|POST|PUT|PATCH|DELETE)\s+/i, "");
  const schemed = auth.scheme && auth.scheme !== "unknown" ? reading.guards.filter((g) => g.scheme === auth.scheme || g.scheme === "unknown") : reading.guards;
  if (like?.startsWith("/")) {
    const route = reading.routes.find((r) => shape(r.path) === shape(like) && r.guards.length > 0);
    const name = route?.guards[0];
    return name ? reading.guards.find((g) => g.name === name) : undefined;
  }
  if (like && !/^(others?|the others|rest|existing)$/i.test(like)) {
    const last = (n: string) => n.split(".").pop()!;
    return reading.guards.find((g) => g.name === like) ?? reading.guards.find((g) => last(g.name) === last(like));
  }
  const header = auth.header?.toLowerCase();
  return byUse(header ? schemed.filter((g) => g.header?.toLowerCase() === header) : schemed)[0] ?? byUse(reading.guards)[0];
}

/** Which of the repository's guards the new endpoints go through, when the issue asks for one. */
export function resolveAuth(auth: AuthSpec, reading: RepoReading): Result<AuthPlan> {
  if (auth.kind !== "required") return { ok: true, value: { required: false } };
  const guard = find(reading, auth);
  if (guard) return { ok: true, value: { required: true, guard: guard.name } };
  const what = auth.like ? `the same authentication as \`${auth.like}\`` : "authentication";
  return {
    ok: false,
    decline: {
      reason: `The issue asks for ${what}, but I could not find how the repository checks it.`,
      add: "Name the route or function whose check the new endpoints should reuse, e.g. \"protected like `GET /api/items`\" or \"reuse `requireAuth`\".",
    },
  };
}
