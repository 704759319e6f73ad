import type { AuthPlan } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { childrenOf, descendants, parsePython, textOf } from "../../python/syntax-tree.js";
import type { Result } from "../framework.js";
import type { RouterPlacement } from "./choose-placement.js";
import type { DependencyUse } from "./fastapi-model.js";
import type { FastapiRepo, GuardInfo } from "./fastapi-repo.js";
import { portBinding } from "./import-style.js";

/** How the new routes pass through the guard the issue asks for, written as existing routes write it. */
export interface GuardPlan {
  info: GuardInfo;
  /** The router or one of its parents already applies it. */
  inherited: boolean;
  /** A handler parameter: `authenticated: bool = Depends(security.validate_request)`. */
  param?: string;
  /** False for `_auth: CurrentUser`, whose dependency sits in an annotation alias. */
  paramHasDefault?: boolean;
  /** A `Depends(...)` for the decorator's, the new router's or its include's `dependencies=[...]`. */
  dependency?: { text: string; on: "decorator" | "router" | "include" };
  imports: PyImport[];
}

const PREFERENCE: DependencyUse["where"][] = ["param", "decorator", "router", "include", "app"];

function namesUsed(code: string, except: string[]): string[] {
  const src = parsePython(code);
  const names = descendants(src.tree.topNode, "VariableName").map((node) => textOf(src, node));
  return [...new Set(names)].filter((name) => !except.includes(name));
}

function paramHasDefault(text: string): boolean {
  const src = parsePython(`def _(${text}):\n    pass\n`);
  const list = descendants(src.tree.topNode, "ParamList")[0];
  return list !== undefined && childrenOf(list).some((child) => child.name === "AssignOp");
}

function findGuard(repo: FastapiRepo, wanted: string): GuardInfo | undefined {
  const last = (name: string) => name.split(".").pop()!.replace(/\(\)$/, "");
  return (
    repo.guards.find((info) => info.guard.name === wanted) ??
    repo.guards.find((info) => last(info.guard.name) === last(wanted)) ??
    repo.guards.find((info) => info.guard.guards.includes(wanted))
  );
}

export function planGuard(repo: FastapiRepo, auth: AuthPlan, placement: RouterPlacement): Result<GuardPlan | undefined> {
  if (!auth.required) return { ok: true, value: undefined };
  const info = findGuard(repo, auth.guard);
  if (!info) {
    const known = repo.guards.map((g) => `\`${g.guard.name}\``).join(", ");
    return {
      ok: false,
      decline: {
        reason: `I could not find the guard \`${auth.guard}\` the issue asks for among the routes' dependencies${known ? ` (they use ${known})` : ""}.`,
        add: "Name the dependency that protects the existing routes, e.g. `get_current_user`.",
      },
    };
  }
  const applied = placement.mount?.dependencies ?? placement.include?.parentMount.dependencies ?? [];
  if (applied.some((use) => use.name === info.guard.name)) return { ok: true, value: { info, inherited: true, imports: [] } };
  const uses = [...info.uses].sort(
    (a, b) => Number(b.module.path === placement.path) - Number(a.module.path === placement.path) || PREFERENCE.indexOf(a.where) - PREFERENCE.indexOf(b.where),
  );
  const use = uses[0]!;
  const port = (code: string, except: string[]) =>
    namesUsed(code, except)
      .map((name) => portBinding(repo, use.module, name, placement.path))
      .filter((entry): entry is PyImport => entry !== undefined);
  if (use.where === "param" && use.param) {
    const hasDefault = paramHasDefault(use.param.text);
    return { ok: true, value: { info, inherited: false, param: use.param.text, paramHasDefault: hasDefault, imports: port(`def _(${use.param.text}):\n    pass\n`, ["_", use.param.name]) } };
  }
  const on = placement.include && (use.where === "router" || use.where === "include") ? use.where : "decorator";
  return { ok: true, value: { info, inherited: false, dependency: { text: use.callText, on }, imports: port(use.callText, []) } };
}
