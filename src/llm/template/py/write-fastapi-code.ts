import { posix } from "node:path";
import type { FileChange } from "../../../forge/forge.js";
import { type Analysis, type Blueprint, joinPath, resourceNames } from "../model.js";
import { findPyResource, pathToModule, type PyService, type PyStore } from "./analyse-fastapi.js";
import { fastapiPath, needsModel, renderModel, renderPyRoute } from "./render-fastapi.js";

function localPath(full: string, mount: string): string {
  if (mount === "" || mount === "/") return full;
  return full.slice(mount.replace(/\/+$/, "").length);
}

/** Adds names to a `from x import a, b` line, or a new import line after the first imports. */
function ensureImport(text: string, module: string, names: string[]): string {
  const line = new RegExp(`^from\\s+${module.replace(/\./g, "\\.")}\\s+import\\s+([^\\n(]+)$`, "m").exec(text);
  if (line) {
    const have = line[1]!.split(",").map((n) => n.trim());
    const missing = names.filter((n) => !have.includes(n));
    if (missing.length === 0) return text;
    const merged = [...have, ...missing].sort().join(", ");
    return text.replace(line[0], `from ${module} import ${merged}`);
  }
  const imports = [...text.matchAll(/^(?:from\s+\S+\s+import\s+[^\n]+|import\s+[^\n]+)$/gm)];
  const first = imports[0];
  const statement = `from ${module} import ${names.join(", ")}`;
  if (!first) return `${statement}\n\n${text}`;
  const at = first.index ?? 0;
  return `${text.slice(0, at)}${statement}\n${text.slice(at)}`;
}

function appendBlocks(text: string, blocks: string[]): string {
  return `${text.replace(/\s+$/, "")}\n\n\n${blocks.join("\n\n\n")}\n`;
}

function modelNames(bp: Blueprint, text: string, reuse: string | undefined): { model: string; patchModel: string } {
  const taken = (name: string) => new RegExp(`^class\\s+${name}\\b`, "m").test(text);
  const base = bp.names.pascalSingular;
  const model = reuse ?? (taken(`${base}In`) ? `${base}Body` : `${base}In`);
  return { model, patchModel: taken(`${base}Patch`) ? `${base}PatchBody` : `${base}Patch` };
}

function modelBlocks(bp: Blueprint, names: { model: string; patchModel: string }, reuse: string | undefined): string[] {
  const need = needsModel(bp);
  const blocks: string[] = [];
  if (need.full && !reuse) blocks.push(renderModel(names.model, bp.fields, false));
  if (need.partial) blocks.push(renderModel(names.patchModel, bp.fields, true));
  return blocks;
}

/** Existing resource: models and routes appended to its router module, on its store. */
function extendResource(service: PyService, bp: Blueprint): Analysis<FileChange[]> {
  const resource = findPyResource(service, bp.names);
  if (!resource) return { ok: false, reason: `I could not find the module that declares the ${bp.names.plural} routes.` };
  if (!resource.store) return { ok: false, reason: `I could not find the in-memory list or dict the ${bp.names.plural} routes use in \`${resource.file.path}\`.` };
  const file = resource.file;
  const sameFields = resource.createModel && resource.createModel.fields.map((f) => f.name).sort().join() === bp.fields.map((f) => f.name).sort().join();
  const reuse = sameFields ? resource.createModel!.name : undefined;
  const names = modelNames(bp, file.text, reuse);
  const routes = bp.operations.map((op) =>
    renderPyRoute(op, { receiver: file.receiver, local: fastapiPath(localPath(op.path, file.mount), bp.names), store: resource.store!, names: bp.names, fields: bp.fields, ...names }),
  );
  let text = appendBlocks(file.text, [...modelBlocks(bp, names, reuse), ...routes]);
  if (bp.operations.some((op) => op.param)) text = ensureImport(text, "fastapi", ["HTTPException"]);
  if (modelBlocks(bp, names, reuse).length > 0) text = ensureImport(text, "pydantic", ["BaseModel"]);
  return { ok: true, value: [{ action: "modify", path: file.path, content: text }] };
}

function importFrom(service: PyService, fromFile: string, toFile: string): string {
  if (!service.relativeImports) return pathToModule(toFile);
  const fromDir = posix.dirname(fromFile).split("/");
  const to = toFile.replace(/\.py$/, "").split("/");
  let common = 0;
  while (common < fromDir.length && fromDir[common] === to[common]) common += 1;
  return `${".".repeat(fromDir.length - common + 1)}${to.slice(common).join(".")}`;
}

/** New resource: a store module, a router module, and the app including the router. */
function addResource(service: PyService, bp: Blueprint): FileChange[] {
  const names = bp.names;
  const pkg = posix.dirname(service.app.path);
  const within = (dir: string) => (pkg === "." ? dir : `${pkg}/${dir}`);
  const modelRouter = service.routeFiles.find((f) => f.path !== service.app.path && f.importLine);
  const routersDir = modelRouter ? posix.dirname(modelRouter.path) : within("routers");
  const storesDir = within("stores");
  const storePath = `${storesDir}/${names.snakePlural}.py`;
  const routerPath = `${routersDir}/${names.snakePlural}.py`;
  const changes: FileChange[] = [];
  const packaged = service.files.has(`${pkg === "." ? "" : `${pkg}/`}__init__.py`);
  if (packaged && !service.files.has(`${storesDir}/__init__.py`)) changes.push({ action: "create", path: `${storesDir}/__init__.py`, content: "" });
  if (packaged && !service.files.has(`${routersDir}/__init__.py`)) changes.push({ action: "create", path: `${routersDir}/__init__.py`, content: "" });

  const nextIdName = `next_${names.snakeSingular}_id`;
  changes.push({
    action: "create",
    path: storePath,
    content: [
      `"""In-memory store for ${names.plural}: it starts empty on every restart."""`,
      "",
      `${names.snakePlural}: list[dict] = []`,
      "_last_id = 0",
      "",
      "",
      `def ${nextIdName}() -> int:`,
      "    global _last_id",
      "    _last_id += 1",
      "    return _last_id",
      "",
    ].join("\n"),
  });

  const store: PyStore = { name: names.snakePlural, kind: "list", access: "dict", nextId: `${nextIdName}()`, idType: "int" };
  const modelNamesUsed = modelNames(bp, "", undefined);
  const routes = bp.operations.map((op) =>
    renderPyRoute(op, { receiver: "router", local: fastapiPath(localPath(op.path, `/${names.plural}`), names), store, names, fields: bp.fields, ...modelNamesUsed }),
  );
  const header = [
    `from fastapi import APIRouter${bp.operations.some((op) => op.param) ? ", HTTPException" : ""}`,
    ...(modelBlocks(bp, modelNamesUsed, undefined).length > 0 ? ["from pydantic import BaseModel"] : []),
    "",
    `from ${importFrom(service, routerPath, storePath)} import ${[nextIdName, names.snakePlural].sort().join(", ")}`,
    "",
    `router = APIRouter(prefix="/${names.plural}", tags=["${names.plural}"])`,
  ].join("\n");
  changes.push({ action: "create", path: routerPath, content: appendBlocks(header, [...modelBlocks(bp, modelNamesUsed, undefined), ...routes]) });

  // Register the router the way the app registers its others.
  const old = modelRouter ? modelRouter.routes.length > 0 && joinPath(modelRouter.mount, modelRouter.routes[0]!.local).split("/")[1] : undefined;
  const oldNames = old ? resourceNames(old) : undefined;
  let importLine: string;
  let includeLine: string;
  if (modelRouter?.importLine && modelRouter.includeLine && oldNames && modelRouter.importLine.includes(oldNames.snakePlural)) {
    const swap = (line: string) => line.replaceAll(oldNames.snakePlural, names.snakePlural);
    importLine = /import\s+[^\n]*,/.test(modelRouter.importLine) ? `from ${/^from\s+(\S+)/.exec(modelRouter.importLine)![1]} import ${names.snakePlural}` : swap(modelRouter.importLine);
    includeLine = swap(modelRouter.includeLine);
  } else {
    importLine = `from ${importFrom(service, service.app.path, routerPath).replace(/\.[^.]+$/, "")} import ${names.snakePlural}`;
    includeLine = `${service.app.receiver}.include_router(${names.snakePlural}.router)`;
  }
  let app = service.app.text;
  const sameModule = /^from\s+(\S+)\s+import\s+([\w, ]+)$/.exec(modelRouter?.importLine ?? "");
  const newModule = /^from\s+(\S+)\s+import\s+(\w+)$/.exec(importLine);
  if (sameModule && newModule && sameModule[1] === newModule[1]) {
    // `from app.routers import todos` becomes `from app.routers import books, todos`.
    const merged = [...sameModule[2]!.split(",").map((n) => n.trim()), newModule[2]!].sort().join(", ");
    app = app.replace(sameModule[0], `from ${sameModule[1]} import ${merged}`);
    importLine = "";
  }
  const lastImport = [...app.matchAll(/^(?:from\s+\S+\s+import\s+[^\n]+|import\s+[^\n]+)$/gm)].pop();
  if (importLine === "") {
    // merged above
  } else if (lastImport) {
    const at = (lastImport.index ?? 0) + lastImport[0].length;
    app = `${app.slice(0, at)}\n${importLine}${app.slice(at)}`;
  } else app = `${importLine}\n${app}`;
  const includes = [...app.matchAll(new RegExp(`^[ \\t]*${service.app.receiver}\\.include_router\\([^\\n]*$`, "gm"))].pop();
  if (includes) {
    const at = (includes.index ?? 0) + includes[0].length;
    app = `${app.slice(0, at)}\n${includeLine}${app.slice(at)}`;
  } else app = `${app.replace(/\s+$/, "")}\n\n${includeLine}\n`;
  changes.push({ action: "modify", path: service.app.path, content: app });
  return changes;
}

/** The CodeGenerationAgent's changes for a FastAPI repository. */
export function writeFastapiCode(service: PyService, bp: Blueprint): Analysis<FileChange[]> {
  return bp.isNewResource ? { ok: true, value: addResource(service, bp) } : extendResource(service, bp);
}
