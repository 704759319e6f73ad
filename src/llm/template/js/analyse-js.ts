import type { HttpMethod } from "../../../agents/task-request.js";
import type { RepositoryFacts } from "../../../archon/plan.js";
import type { RepoView } from "../../../forge/forge.js";
import { isIgnoredPath, isJsSource, isTestPath, isTsSource } from "../../../repo/source-files.js";
import { type Analysis, joinPath, type ServiceRoute } from "../model.js";
import { jsStyle } from "../source/code-style.js";
import { importOf, resolveImport } from "../source/resolve-import.js";
import type { JsRouteCall, JsRouteFile, JsService } from "./js-service.js";

const ROUTE_CALL = /\b([A-Za-z_$][\w$]*)\.(get|post|put|patch|delete)\(\s*(['"`])(\/[^'"`]*|)\3/g;
const MAX_SOURCES = 60;

function routeCalls(text: string): Map<string, JsRouteCall[]> {
  const byReceiver = new Map<string, JsRouteCall[]>();
  for (const m of text.matchAll(ROUTE_CALL)) {
    const receiver = m[1]!;
    if (/^(axios|request|supertest|http|client|fetch)$/.test(receiver)) continue;
    const list = byReceiver.get(receiver) ?? [];
    list.push({ method: m[2]!.toUpperCase() as HttpMethod, local: m[4]!, start: m.index ?? 0 });
    byReceiver.set(receiver, list);
  }
  return byReceiver;
}

function exportStyleOf(text: string): { style: JsRouteFile["exportStyle"]; name: string | undefined } {
  const named = /export\s+(?:const|async\s+function|function)\s+([A-Za-z_$][\w$]*)/.exec(text);
  if (/module\.exports\s*=/.test(text)) return { style: "commonjs", name: /module\.exports\s*=\s*(?:async\s+function\s+)?([A-Za-z_$][\w$]*)/.exec(text)?.[1] };
  if (/export\s+default\b/.test(text)) return { style: "default", name: /export\s+default\s+(?:async\s+function\s+)?([A-Za-z_$][\w$]*)/.exec(text)?.[1] };
  if (named) return { style: "named", name: named[1] };
  return { style: "none", name: undefined };
}

function routeFile(path: string, text: string, mount: string, receiverHint?: string): JsRouteFile {
  const calls = routeCalls(text);
  const receiver =
    (receiverHint && calls.has(receiverHint) ? receiverHint : undefined) ??
    [...calls.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ??
    /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:express\.)?Router\(/.exec(text)?.[1] ??
    "router";
  const exported = exportStyleOf(text);
  return { path, text, receiver, mount, calls: calls.get(receiver) ?? [], exportStyle: exported.style, exportName: exported.name };
}

async function readSources(repo: RepoView, paths: string[]): Promise<Map<string, string>> {
  const wanted = paths.filter((p) => (isJsSource(p) || isTsSource(p)) && !isTestPath(p) && !/(^|\/)[^/]*\.config\.[cm]?[jt]s$/.test(p));
  const chosen = wanted.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b)).slice(0, MAX_SOURCES);
  const texts = await Promise.all(chosen.map((p) => repo.read(p)));
  const out = new Map<string, string>();
  chosen.forEach((p, i) => texts[i] !== undefined && out.set(p, texts[i]!));
  return out;
}

function findApp(sources: Map<string, string>, framework: "express" | "fastify"): { path: string; text: string; receiver: string } | undefined {
  for (const [path, text] of sources) {
    const factory = importedDefault(text, framework) ?? framework;
    const call = framework === "express" ? `${factory}\\(\\s*\\)` : `${factory}\\(`;
    const m = new RegExp(`(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)(?:\\s*:\\s*[\\w.<>]+)?\\s*=\\s*(?:await\\s+)?${call}`).exec(text);
    if (m) return { path, text, receiver: m[1]! };
  }
  return undefined;
}

/** The local name a package's default export is bound to: `const express = require('express')`. */
export function importedDefault(text: string, pkg: string): string | undefined {
  const m =
    new RegExp(`(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\(\\s*['"]${pkg}['"]\\s*\\)`).exec(text) ??
    new RegExp(`import\\s+([A-Za-z_$][\\w$]*)\\s*(?:,\\s*\\{[^}]*\\})?\\s+from\\s+['"]${pkg}['"]`).exec(text);
  return m?.[1];
}

function registrations(app: { text: string; receiver: string }, framework: "express" | "fastify"): { target: string; mount: string }[] {
  const out: { target: string; mount: string }[] = [];
  const r = app.receiver.replace(/\$/g, "\\$");
  if (framework === "express") {
    const use = new RegExp(`\\b${r}\\.use\\(\\s*['"\`](\\/[^'"\`]*)['"\`]\\s*,\\s*(?:require\\(\\s*['"]([^'"]+)['"]\\s*\\)|([A-Za-z_$][\\w$.]*))`, "g");
    for (const m of app.text.matchAll(use)) out.push({ mount: m[1]!, target: m[2] ? `require:${m[2]}` : m[3]! });
  } else {
    const register = new RegExp(`\\b${r}\\.register\\(\\s*(?:require\\(\\s*['"]([^'"]+)['"]\\s*\\)|import\\(\\s*['"]([^'"]+)['"]\\s*\\)|([A-Za-z_$][\\w$.]*))\\s*(?:,\\s*\\{([^}]*)\\})?`, "g");
    for (const m of app.text.matchAll(register)) {
      const prefix = /prefix\s*:\s*['"`]([^'"`]*)['"`]/.exec(m[4] ?? "")?.[1] ?? "";
      const spec = m[1] ?? m[2];
      out.push({ mount: prefix, target: spec ? `require:${spec}` : m[3]! });
    }
  }
  return out;
}

function errorKey(texts: string[]): string {
  for (const text of texts) {
    const m = /\.(?:status|code)\(\s*4\d\d\s*\)\s*\.(?:json|send)\(\s*\{\s*([A-Za-z_]\w*)\s*:/.exec(text);
    if (m) return m[1]!;
  }
  return "error";
}

/** Reads an Express or Fastify repository: the app, its route files and their mounts. */
export async function analyseJs(repo: RepoView, facts: RepositoryFacts): Promise<Analysis<JsService>> {
  const framework = facts.framework;
  if (framework !== "express" && framework !== "fastify") return { ok: false, reason: "not an Express or Fastify repository" };
  const paths = (await repo.files()).map((f) => f.path).filter((p) => !isIgnoredPath(p));
  const files = new Set(paths);
  const sources = await readSources(repo, paths);
  const app = findApp(sources, framework);
  if (!app) {
    return { ok: false, reason: `I could not find where the ${framework === "express" ? "Express app (`express()`)" : "Fastify instance (`Fastify()`)"} is created.` };
  }
  const routeFiles: JsRouteFile[] = [routeFile(app.path, app.text, "", app.receiver)];
  for (const { target, mount } of registrations(app, framework)) {
    const specifier = target.startsWith("require:") ? target.slice(8) : importOf(app.text, target.split(".")[0]!)?.specifier;
    const path = specifier ? resolveImport(app.path, specifier, files) : undefined;
    const text = path ? (sources.get(path) ?? (await repo.read(path))) : undefined;
    if (!path || text === undefined || routeFiles.some((f) => f.path === path)) continue;
    const file = routeFile(path, text, mount);
    if (!target.startsWith("require:")) file.exportName ??= target;
    routeFiles.push(file);
  }
  const routes: ServiceRoute[] = routeFiles.flatMap((f) => f.calls.map((c) => ({ method: c.method, path: joinPath(f.mount, c.local), file: f.path })));
  const others = routeFiles.filter((f) => f.path !== app.path);
  const typescript = facts.language === "typescript";
  // TypeScript is written with import syntax whatever it compiles to.
  const esm = /^\s*(import|export)\s/m.test(app.text) || (facts.moduleStyle === "esm" && !/\brequire\(/.test(app.text));
  const keepExtension = /from\s+['"]\.{1,2}\/[^'"]+\.[cm]?[jt]s['"]/.test(app.text) || (!typescript && esm);
  const ext = /\.[cm]?[jt]s$/.exec(others[0]?.path ?? app.path)?.[0] ?? (typescript ? ".ts" : ".js");
  const routesDir = others[0] ? others[0].path.split("/").slice(0, -1).join("/") : [...app.path.split("/").slice(0, -1), "routes"].join("/");
  return {
    ok: true,
    value: {
      kind: "js",
      framework,
      typescript,
      esm,
      keepExtension,
      ext,
      app,
      routeFiles,
      routes,
      style: await jsStyle(repo, files, [app.text, ...others.map((f) => f.text)]),
      errorKey: errorKey(routeFiles.map((f) => f.text)),
      routesDir,
      files,
    },
  };
}
