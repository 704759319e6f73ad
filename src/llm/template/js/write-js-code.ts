import { posix } from "node:path";
import type { FileChange } from "../../../forge/forge.js";
import { type Analysis, type Blueprint, joinPath, resourceNames } from "../model.js";
import { formatJs, formatSnippet } from "../source/format.js";
import { importSpecifier, resolveImport } from "../source/resolve-import.js";
import { indentAt, indentBlock, insertBlock, statementEnd } from "../source/scan.js";
import { addBeside, addImport, escapeRegExp } from "./edit-app.js";
import { findResource } from "./find-resource.js";
import type { JsRouteFile, JsService, JsStore } from "./js-service.js";
import { importedDefault } from "./analyse-js.js";
import { importStatement, renameLike, renderRouteModule, renderStoreModule } from "./render-files.js";
import { bodySchema, type HandlerContext, renderRoute } from "./render-handlers.js";

const STORE_DIRS = /^(store|stores|data|db|models|repositories)$/;

function localPath(full: string, mount: string): string {
  if (mount === "" || mount === "/") return full;
  const rest = full.slice(mount.replace(/\/+$/, "").length);
  return rest === "" ? "/" : rest;
}

function firstResource(file: JsRouteFile): string | undefined {
  const call = file.calls[0];
  return call ? joinPath(file.mount, call.local).split("/")[1] : undefined;
}

async function finish(service: JsService, text: string): Promise<string> {
  return service.style.fromConfig ? formatJs(text, service.style, service.typescript) : text;
}

/** Existing resource: new routes go right after its last route, using its store. */
async function extendResource(service: JsService, bp: Blueprint): Promise<Analysis<{ path: string; text: string }>> {
  const resource = findResource(service, bp.names);
  if (!resource) return { ok: false, reason: `I could not find the file that declares the ${bp.names.plural} routes.` };
  if (!resource.store) {
    return { ok: false, reason: `I could not find the in-memory store the ${bp.names.plural} routes use in \`${resource.file.path}\`; the template provider only extends array or Map stores.` };
  }
  const file = resource.file;
  const lastCall = [...file.calls].filter((c) => joinPath(file.mount, c.local).split("/")[1] === bp.names.plural).pop()!;
  const indent = indentAt(file.text, lastCall.start);
  const schemaName = existingSchema(file.text, bp);
  const routes = bp.operations.map((op) =>
    renderRoute(op, { ...context(service, bp, file.receiver, localPath(op.path, file.mount), resource.store!), bodySchemaName: schemaName }),
  );
  const snippet = await formatSnippet(routes.join("\n\n"), service.style, service.typescript, indent);
  const text = insertBlock(file.text, statementEnd(file.text, lastCall.start), indentBlock(snippet, indent));
  return { ok: true, value: { path: file.path, text } };
}

/** A module-level body schema requiring exactly the blueprint's fields, to reuse rather than repeat. */
function existingSchema(text: string, bp: Blueprint): string | undefined {
  for (const m of text.matchAll(/(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*\{\s*type\s*:\s*['"]object['"]\s*,\s*required\s*:\s*\[([^\]]*)\]/g)) {
    const required = [...m[2]!.matchAll(/['"]([^'"]+)['"]/g)].map((r) => r[1]).sort();
    if (required.join(",") === bp.fields.map((f) => f.name).sort().join(",")) return m[1];
  }
  return undefined;
}

function context(service: JsService, bp: Blueprint, receiver: string, local: string, store: JsStore): HandlerContext {
  return { framework: service.framework, typescript: service.typescript, receiver, local, store, names: bp.names, fields: bp.fields, errorKey: service.errorKey };
}

function storeDir(service: JsService, model: JsRouteFile | undefined): string {
  if (model) {
    for (const m of model.text.matchAll(/(?:from|require\()\s*['"](\.[^'"]+)['"]/g)) {
      const target = resolveImport(model.path, m[1]!, service.files);
      const dir = target ? posix.dirname(target) : undefined;
      if (dir && STORE_DIRS.test(posix.basename(dir))) return dir;
    }
  }
  const base = posix.dirname(service.app.path);
  return base === "." ? "stores" : `${base}/stores`;
}

/** New resource: a store module, a route module, and the app registering it. */
async function addResource(service: JsService, bp: Blueprint): Promise<FileChange[]> {
  const model = service.routeFiles.find((f) => f.path !== service.app.path && f.calls.length > 0);
  const modelName = model ? firstResource(model) : undefined;
  const modelNames = modelName ? resourceNames(modelName) : undefined;
  const names = bp.names;
  const storePath = `${storeDir(service, model)}/${names.kebabPlural}${service.ext}`;
  const routePath = `${service.routesDir}/${renameLike(model ? posix.basename(model.path) : undefined, modelNames, names, `${names.kebabPlural}${service.ext}`)}`;
  const specifier = (from: string, to: string) => importSpecifier(from, to, { keepExtension: service.keepExtension, typescript: service.typescript });

  const store = { name: names.camelPlural, kind: "array" as const, nextId: `next${names.pascalSingular}Id()` };
  const express = service.framework === "express";
  const receiver = express ? renameLike(model?.receiver, modelNames, names, "router") : (model?.receiver ?? "fastify");
  const exportName = express
    ? model?.exportStyle === "named"
      ? receiver
      : `${names.camelPlural}Router`
    : renameLike(model?.exportName, modelNames, names, `${names.camelSingular}Routes`);
  const prefixed = !express && (model?.mount ?? "") !== "";
  const hasBody = bp.operations.some((op) => (op.operation === "create" || op.operation === "update") && op.method !== "PATCH");
  const schemaName = !express && hasBody ? `${names.camelSingular}Body` : undefined;
  const preamble = schemaName ? `const ${schemaName} = ${bodySchema(bp.fields, false)};` : "";
  const routes = bp.operations.map((op) =>
    renderRoute(op, { ...context(service, bp, receiver, express || prefixed ? localPath(op.path, `/${names.plural}`) : op.path, store), bodySchemaName: schemaName }),
  );
  const storeImport = importStatement(service, { named: [store.name, `next${names.pascalSingular}Id`] }, specifier(routePath, storePath));
  const routeModule = renderRouteModule(service, model, { exportName, receiver }, storeImport, routes, preamble);

  const named = model?.exportStyle === "named";
  let app = addImport(service.app.text, importStatement(service, named ? { named: [exportName] } : { default: exportName }, specifier(service.app.path, routePath)));
  const r = escapeRegExp(service.app.receiver);
  const fallback = new RegExp(`^[ \\t]*(?:module\\.exports|export\\s+default|return\\s+${r}\\b|${r}\\.listen\\()`);
  app = express
    ? addBeside(app, new RegExp(`^[ \\t]*${r}\\.use\\(\\s*['"\`]\\/`), `${service.app.receiver}.use("/${names.plural}", ${exportName});`, fallback)
    : addBeside(app, new RegExp(`^[ \\t]*${r}\\.register\\(`), `${service.app.receiver}.register(${exportName}${prefixed ? `, { prefix: "/${names.plural}" }` : ""});`, fallback);
  app = await formatAppEdits(service, app);

  return [
    { action: "create", path: storePath, content: await formatJs(renderStoreModule(service, names, bp.fields, { path: storePath, arrayName: store.name, nextIdName: `next${names.pascalSingular}Id` }), service.style, service.typescript) },
    { action: "create", path: routePath, content: await formatJs(routeModule, service.style, service.typescript) },
    { action: "modify", path: service.app.path, content: app },
  ];
}

/** Lines added to the app file are written in canonical style; restyle just those lines. */
async function formatAppEdits(service: JsService, text: string): Promise<string> {
  if (service.style.fromConfig) return formatJs(text, service.style, service.typescript);
  const quote = service.style.options.singleQuote ? "'" : '"';
  const semi = service.style.options.semi !== false;
  const original = new Set(service.app.text.split("\n"));
  return text
    .split("\n")
    .map((line) => {
      if (original.has(line)) return line;
      let out = line.replace(/"([^"'\\]*)"/g, `${quote}$1${quote}`);
      if (!semi) out = out.replace(/;\s*$/, "");
      return out;
    })
    .join("\n");
}

/** Express needs a JSON body parser for request bodies; add one when the app has none. */
function ensureJsonBody(service: JsService, text: string, bp: Blueprint): string {
  if (service.framework !== "express") return text;
  if (!bp.operations.some((op) => op.operation === "create" || op.operation === "update")) return text;
  if (/\.use\(\s*(?:[A-Za-z_$][\w$]*\.)?json\(/.test(text)) return text;
  const express = importedDefault(text, "express");
  if (!express) return text;
  const creation = new RegExp(`(?:const|let|var)\\s+${escapeRegExp(service.app.receiver)}\\b[^=]*=\\s*${escapeRegExp(express)}\\(\\s*\\)`).exec(text);
  if (!creation) return text;
  const end = statementEnd(text, creation.index ?? 0);
  const indent = indentAt(text, creation.index ?? 0);
  return `${text.slice(0, end)}\n${indent}${service.app.receiver}.use(${express}.json());${text.slice(end)}`;
}

/** The CodeGenerationAgent's changes for an Express or Fastify repository. */
export async function writeJsCode(service: JsService, bp: Blueprint): Promise<Analysis<FileChange[]>> {
  let changes: FileChange[];
  if (bp.isNewResource) changes = await addResource(service, bp);
  else {
    const extended = await extendResource(service, bp);
    if (!extended.ok) return extended;
    changes = [{ action: "modify", path: extended.value.path, content: await finish(service, extended.value.text) }];
  }
  const appChange = changes.find((c) => c.path === service.app.path);
  const appText = appChange && appChange.action !== "delete" ? appChange.content : service.app.text;
  const withJson = ensureJsonBody(service, appText, bp);
  if (withJson !== appText) {
    const content = await formatAppEdits({ ...service, app: { ...service.app, text: appText } }, withJson);
    changes = [...changes.filter((c) => c.path !== service.app.path), { action: "modify", path: service.app.path, content }];
  }
  return { ok: true, value: changes };
}
