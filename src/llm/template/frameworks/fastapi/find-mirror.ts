import { bodyOf, descendants, textOf } from "../../python/syntax-tree.js";
import type { Route } from "./fastapi-model.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { PydanticModel } from "./pydantic-models.js";
import type { PyModule } from "./python-project.js";

/** A function a route calls from a module of its own: `main_func` of `app/apis/api_a/mainmod.py`. */
export interface LogicMirror {
  module: PyModule;
  /** Name of the function where it is defined. */
  func: string;
  /** The name the route module calls it by (`main_func_a`). */
  local: string;
}

/** What the "like X" points at in the repository. */
export interface MirrorMatch {
  name: string;
  route?: Route;
  model?: PydanticModel;
  logic?: LogicMirror;
}

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function logicOf(repo: FastapiRepo, route: Route, name: string): LogicMirror | undefined {
  const body = bodyOf(route.func);
  for (const node of body ? descendants(body, "VariableName") : []) {
    const local = textOf(route.module, node);
    const ref = repo.project.resolve(route.module, [local]);
    if (ref?.k !== "def" || ref.module === route.module || ref.statement.name !== "FunctionDefinition") continue;
    const parts = ref.module.path.replace(/\.py$/, "").split("/");
    if (parts.includes(name)) return { module: ref.module, func: ref.name, local };
  }
  return undefined;
}

function routeFor(repo: FastapiRepo, name: string, model: PydanticModel | undefined): Route | undefined {
  const routes = repo.served;
  const base = (path: string) => path.split("/").pop()!.replace(/\.py$/, "");
  return (
    routes.find((s) => s.route.funcName === name)?.route ??
    routes.find((s) => s.path === name || segments(s.path).includes(name))?.route ??
    routes.find((s) => base(s.route.module.path) === name)?.route ??
    (model ? routes.find((s) => s.route.decorator.keywords.has("response_model") && textOf(s.route.module, s.route.decorator.keywords.get("response_model")!).includes(model.name))?.route : undefined)
  );
}

/** Resolves `hints.mirror`: a route, a model, and the logic module the route calls, as they exist. */
export function findMirror(repo: FastapiRepo, mirror: string | undefined): MirrorMatch | undefined {
  if (!mirror) return undefined;
  const name = mirror.replace(/`/g, "").replace(/\(\)$/, "").trim();
  if (!name) return undefined;
  const model = repo.models.find((candidate) => candidate.name === name);
  const route = routeFor(repo, name, model);
  const logicRoute = repo.served.map((s) => s.route).find((candidate) => logicOf(repo, candidate, name));
  const logic = logicRoute ? logicOf(repo, logicRoute, name) : undefined;
  const chosen = route ?? logicRoute;
  if (!chosen && !model) return undefined;
  return { name, ...(chosen ? { route: chosen } : {}), ...(model ? { model } : {}), ...(logic ? { logic } : {}) };
}
