import { posix } from "node:path";
import type { FieldSpec, HttpMethod } from "../../../agents/task-request.js";
import type { RepoView } from "../../../forge/forge.js";
import { isIgnoredPath, isPySource, isTestPath } from "../../../repo/source-files.js";
import { type Analysis, joinPath, type ResourceNames, type ServiceRoute } from "../model.js";

export interface PyRouteFile {
  path: string;
  text: string;
  /** `router` or `app`. */
  receiver: string;
  /** The APIRouter's own prefix plus the include_router prefix. */
  mount: string;
  routes: { method: HttpMethod; local: string }[];
  /** The statement in the app file that imports this router, and the include line. */
  importLine: string | undefined;
  includeLine: string | undefined;
}

export interface PyStore {
  name: string;
  kind: "list" | "dict";
  /** Items are dicts (`item["id"]`) or objects (`item.id`). */
  access: "dict" | "attr";
  nextId: string | undefined;
  idType: "int" | "str";
}

export interface PyService {
  kind: "py";
  app: { path: string; text: string; receiver: string };
  routeFiles: PyRouteFile[];
  routes: ServiceRoute[];
  files: Set<string>;
  /** Imports inside the package are written relative (`from .routers import todos`). */
  relativeImports: boolean;
}

export interface PyResource {
  file: PyRouteFile;
  store: PyStore | undefined;
  /** The pydantic model the create route takes, with its fields. */
  createModel: { name: string; fields: FieldSpec[] } | undefined;
}

const ROUTE = (receiver: string) => new RegExp(`^@${receiver}\\.(get|post|put|patch|delete)\\(\\s*["']([^"']*)["']`, "gm");

export function moduleToPath(module: string, fromFile: string): string {
  const dots = /^\.+/.exec(module)?.[0].length ?? 0;
  const rest = module.slice(dots).replace(/\./g, "/");
  if (dots === 0) return rest;
  let dir = posix.dirname(fromFile);
  for (let i = 1; i < dots; i += 1) dir = posix.dirname(dir);
  return dir === "." ? rest : `${dir}/${rest}`;
}

export function pathToModule(path: string): string {
  return path.replace(/\.py$/, "").replace(/\/__init__$/, "").replace(/\//g, ".");
}

function resolveRouter(app: { path: string; text: string }, expr: string, files: Set<string>): { path: string; importLine: string } | undefined {
  const [head] = expr.split(".");
  for (const m of app.text.matchAll(/^from\s+([.\w]+)\s+import\s+([^\n]+)$/gm)) {
    const names = m[2]!.replace(/[()]/g, "").split(",").map((n) => n.trim());
    for (const name of names) {
      const [imported, alias] = name.split(/\s+as\s+/).map((p) => p.trim());
      if ((alias ?? imported) !== head) continue;
      const base = moduleToPath(m[1]!, app.path);
      for (const candidate of [`${base}/${imported}.py`, `${base}/${imported}/__init__.py`, `${base}.py`, `${base}/__init__.py`]) {
        if (files.has(candidate)) return { path: candidate, importLine: m[0] };
      }
    }
  }
  return undefined;
}

function routerPrefix(text: string, receiver: string): string {
  const m = new RegExp(`^${receiver}\\s*=\\s*APIRouter\\(([^)]*)\\)`, "m").exec(text);
  return /prefix\s*=\s*["']([^"']*)["']/.exec(m?.[1] ?? "")?.[1] ?? "";
}

function routesIn(text: string, receiver: string): { method: HttpMethod; local: string }[] {
  return [...text.matchAll(ROUTE(receiver))].map((m) => ({ method: m[1]!.toUpperCase() as HttpMethod, local: m[2]! }));
}

function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g, ":$1");
}

/** Reads a FastAPI repository: the app, its routers and their prefixes. */
export async function analyseFastapi(repo: RepoView): Promise<Analysis<PyService>> {
  const paths = (await repo.files()).map((f) => f.path).filter((p) => !isIgnoredPath(p));
  const files = new Set(paths);
  const sources = paths.filter((p) => isPySource(p) && !isTestPath(p)).slice(0, 60);
  let app: PyService["app"] | undefined;
  const texts = new Map<string, string>();
  for (const path of sources) {
    const text = await repo.read(path);
    if (text === undefined) continue;
    texts.set(path, text);
    const m = /^(\w+)\s*(?::\s*FastAPI\s*)?=\s*FastAPI\(/m.exec(text);
    if (m && !app) app = { path, text, receiver: m[1]! };
  }
  if (!app) return { ok: false, reason: "I could not find where the FastAPI app (`app = FastAPI()`) is created." };
  const routeFiles: PyRouteFile[] = [
    { path: app.path, text: app.text, receiver: app.receiver, mount: "", routes: routesIn(app.text, app.receiver), importLine: undefined, includeLine: undefined },
  ];
  for (const m of app.text.matchAll(new RegExp(`^[ \\t]*${app.receiver}\\.include_router\\(\\s*([\\w.]+)([^\\n]*)$`, "gm"))) {
    const resolved = resolveRouter(app, m[1]!, files);
    const text = resolved ? (texts.get(resolved.path) ?? (await repo.read(resolved.path))) : undefined;
    if (!resolved || text === undefined) continue;
    const receiver = m[1]!.includes(".") ? m[1]!.split(".").pop()! : (/^(\w+)\s*=\s*APIRouter\(/m.exec(text)?.[1] ?? "router");
    const includePrefix = /prefix\s*=\s*["']([^"']*)["']/.exec(m[2] ?? "")?.[1] ?? "";
    routeFiles.push({
      path: resolved.path,
      text,
      receiver,
      mount: joinPath(includePrefix, routerPrefix(text, receiver)),
      routes: routesIn(text, receiver),
      importLine: resolved.importLine,
      includeLine: m[0].trim(),
    });
  }
  const routes = routeFiles.flatMap((f) => f.routes.map((r) => ({ method: r.method, path: expressPath(joinPath(f.mount, r.local)), file: f.path })));
  const relativeImports = /^from\s+\.[\w.]*\s+import/m.test(app.text);
  return { ok: true, value: { kind: "py", app, routeFiles, routes, files, relativeImports } };
}

const PY_TYPES: Record<string, FieldSpec["type"]> = { str: "string", int: "number", float: "number", bool: "boolean" };

function pydanticModel(text: string, name: string): FieldSpec[] {
  const body = new RegExp(`^class\\s+${name}\\s*\\([^)]*\\)\\s*:\\s*\\n((?:[ \\t]+[^\\n]*\\n?|\\n)*)`, "m").exec(text)?.[1] ?? "";
  return [...body.matchAll(/^[ \t]+([A-Za-z_]\w*)\s*:\s*([\w[\]| ]+)/gm)].map((m) => ({ name: m[1]!, type: PY_TYPES[m[2]!.trim().split(/[\s|[]/)[0]!] ?? "string" }));
}

function storeOf(text: string, names: ResourceNames): PyStore | undefined {
  const found = [...text.matchAll(/^([A-Za-z_]\w*)\s*(?::\s*[^=\n]+)?=\s*(\[\]|\{\}|list\(\)|dict\(\))\s*$/gm)];
  const ranked = found.sort((a, b) => Number(b[1] === names.snakePlural) - Number(a[1] === names.snakePlural));
  const best = ranked.find((m) => m[1] === names.snakePlural || m[1]!.includes(names.snakeSingular)) ?? ranked[0];
  if (!best) return undefined;
  const name = best[1]!;
  const kind = /^\{|dict/.test(best[2]!) ? "dict" : "list";
  const access = /\["id"\]|\['id'\]|["']id["']\s*:/.test(text) ? "dict" : /\.id\b/.test(text) ? "attr" : "dict";
  const helper = /\b(next_\w*id)\(\)/.exec(text)?.[1];
  const idType = /_id\s*:\s*str\b/.test(text) ? "str" : "int";
  return { name, kind, access, nextId: helper ? `${helper}()` : undefined, idType };
}

export function findPyResource(service: PyService, names: ResourceNames): PyResource | undefined {
  const file = service.routeFiles
    .map((f) => ({ f, n: f.routes.filter((r) => joinPath(f.mount, r.local).split("/")[1] === names.plural).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)[0]?.f;
  if (!file) return undefined;
  const create = new RegExp(`^@${file.receiver}\\.post\\([^\\n]*\\)\\s*\\n(?:async\\s+)?def\\s+\\w+\\(([^)]*)\\)`, "m").exec(file.text);
  const modelName = /:\s*([A-Z]\w*)/.exec(create?.[1] ?? "")?.[1];
  return {
    file,
    store: storeOf(file.text, names),
    createModel: modelName ? { name: modelName, fields: pydanticModel(file.text, modelName) } : undefined,
  };
}
