import ts from "typescript";
import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { indentAt } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ExpressModel } from "./express-model.js";
import { type OpenApiRegistry, openApiPath, propertyText, type RegisteredOperation, responseText } from "./openapi-registry.js";

/** The schemas the new operations describe bodies and answers with, as the operations' file names them. */
export interface OperationSchemas {
  /** The zod namespace in the operations' file: `z`. */
  z: string;
  item?: string;
  body?: string;
  update?: string;
  tags: string;
}

const VERBS: Record<EndpointPlan["role"], string> = { list: "list", get: "get", create: "create", replace: "replace", update: "update", delete: "delete", count: "count", custom: "get" };

const VERB = /^(get|list|create|update|replace|delete|remove|find|read|add|fetch)(?=[A-Z])/;

/**
 * The operation's constant named like the collection's own: `updateUrlItem` beside
 * `createUrlItem` and `getUrlItems`; else from the collection's name.
 */
function opName(bp: Blueprint, ep: EndpointPlan, reg: OpenApiRegistry): string {
  const base = bp.resource ? openApiPath(bp.resource.basePath) : undefined;
  const own = base ? reg.operations.filter((o) => o.path === base || o.path.startsWith(`${base}/`)) : [];
  const many = ep.role === "list" || ep.role === "count";
  const model = own.find((o) => (o.path === base) === many && o.method !== "post" && VERB.test(o.name)) ?? own.find((o) => VERB.test(o.name) && !many);
  if (model) return `${VERBS[ep.role]}${model.name.replace(VERB, "")}`;
  const n = bp.resource?.names;
  if (!n) return `${ep.method.toLowerCase()}${ep.path.split("/").filter((s) => s && !s.startsWith(":")).map((s) => s.charAt(0).toUpperCase() + s.slice(1).replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase())).join("")}`;
  return `${VERBS[ep.role]}${ep.role === "list" || ep.role === "count" ? n.pascalPlural : n.pascalSingular}`;
}

/** The sibling operation registered for a method and path shape, to copy parts from. */
function sibling(reg: OpenApiRegistry, method: string, item: boolean, base?: string): RegisteredOperation | undefined {
  return reg.operations.find((o) => o.method === method && /\{[^}]+\}$/.test(o.path) === item && (!base || o.path.startsWith(base)));
}

function response(status: number, description: string, schema?: string): string {
  return `${status}: { description: ${JSON.stringify(description)}${schema ? `, content: { "application/json": { schema: ${schema} } }` : ""} }`;
}

/** An operation object for one endpoint: parts copied from the collection's own operations where they exist. */
function operation(bp: Blueprint, ep: EndpointPlan, reg: OpenApiRegistry, s: OperationSchemas): string {
  const n = bp.resource?.names;
  const base = bp.resource ? openApiPath(bp.resource.basePath) : undefined;
  const getOne = sibling(reg, "get", true, base);
  const create = sibling(reg, "post", false, base);
  const what = n ? (ep.role === "list" || ep.role === "count" ? n.pluralWords : n.singularWords) : ep.path;
  const parts = [`operationId: ${JSON.stringify(`${VERBS[ep.role]} ${what}`)}`, `summary: ${JSON.stringify(`${VERBS[ep.role].charAt(0).toUpperCase()}${VERBS[ep.role].slice(1)} ${ep.role === "get" || ep.role === "replace" || ep.role === "update" || ep.role === "delete" ? "a " : ""}${what}`)}`, `tags: ${s.tags}`];
  const item = ep.params.length > 0 && ep.role !== "custom";
  if (item) parts.push(`requestParams: ${(getOne && propertyText(getOne.object, "requestParams")) ?? `{ path: ${s.z}.object({ ${bp.resource?.idName ?? "id"}: ${s.z}.string() }) }`}`);
  const bodySchema = ep.role === "update" ? (s.update ?? s.body) : s.body;
  if (ep.body && ep.body.length > 0) parts.push(`requestBody: ${(bp.resource?.store === "existing" && create && propertyText(create.object, "requestBody")) || `{ content: { "application/json": { schema: ${bodySchema} } } }`}`);
  const responses: string[] = [];
  const itemSchema = s.item;
  switch (ep.role) {
    case "list":
      responses.push(response(ep.success.status, `The ${what}.`, itemSchema ? `${s.z}.array(${itemSchema})` : undefined));
      break;
    case "count":
      responses.push(response(ep.success.status, `The number of ${what}.`, `${s.z}.object({ count: ${s.z}.number().int() })`));
      break;
    case "delete":
      responses.push(response(ep.success.status, `The ${what} was deleted.`));
      break;
    case "custom":
      responses.push(response(ep.success.status, "The answer."));
      break;
    default:
      responses.push((getOne && ep.success.status === 200 && responseText(getOne.object, 200) && `200: ${responseText(getOne.object, 200)}`) || response(ep.success.status, `The ${what}.`, itemSchema));
  }
  if (ep.rules.length > 0) responses.push((create && responseText(create.object, 400) && `400: ${responseText(create.object, 400)}`) || response(400, "Bad request"));
  if (ep.notFound) responses.push((getOne && responseText(getOne.object, 404) && `404: ${responseText(getOne.object, 404)}`) || response(404, "Not Found"));
  parts.push(`responses: { ${responses.join(", ")} }`);
  return `{ ${parts.join(", ")} }`;
}

/**
 * Describes the new endpoints the way the repository describes its own, and lists them in its
 * OpenAPI registry: operation objects beside the collection's (or the feature's) own, each path
 * under `paths` with its methods.
 */
export async function registerOpenApi(m: ExpressModel, bp: Blueprint, editor: FileEditor, reg: OpenApiRegistry, opsFile: string, schemas: OperationSchemas): Promise<string[]> {
  const typeNeed = reg.type && reg.operations[0] ? importNeedFor(m.project, reg.operations[0].file, reg.type.split("<")[0]!) : undefined;
  const declarations: string[] = [];
  const byPath = new Map<string, string[]>();
  for (const ep of bp.endpoints) {
    const name = opName(bp, ep, reg);
    declarations.push(`/** OpenApi operation: ${ep.method} ${ep.path}. */\nexport const ${name}${reg.type ? `: ${reg.type}` : ""} = ${operation(bp, ep, reg, schemas)};`);
    const path = openApiPath(ep.path);
    byPath.set(path, [...(byPath.get(path) ?? []), `${ep.method.toLowerCase()}: ${name}`]);
  }
  if (editor.exists(opsFile) && m.project.paths.has(opsFile)) {
    const file = m.project.sourceFile(opsFile)!;
    await editor.insertAfter(opsFile, file.statements[file.statements.length - 1]!, declarations.join("\n\n"));
  } else {
    editor.append(opsFile, `\n${declarations.join("\n\n")}\n`);
  }
  if (typeNeed) editor.needImports(opsFile, [{ ...typeNeed, typeOnly: true }]);
  editor.needImports(reg.file, bp.endpoints.map((ep) => ({ module: opsFile, name: opName(bp, ep, reg), local: opName(bp, ep, reg) })));
  // Each path under `paths`: methods added to an entry the path already has, else a new entry after the collection's.
  const text = (await editor.original(reg.file)) ?? "";
  for (const [path, methods] of byPath) {
    const entry = reg.paths.properties.find((p) => p.name?.getText().replace(/^['"]|['"]$/g, "") === path);
    if (entry && ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer)) {
      const obj = entry.initializer;
      const last = obj.properties[obj.properties.length - 1];
      const at = last ? last.getEnd() : obj.getStart() + 1;
      const comma = last && text.slice(at).trimStart().startsWith(",") ? at + text.slice(at).indexOf(",") + 1 : at;
      const indent = last ? indentAt(text, last.getStart()) : "";
      editor.add(reg.file, comma, `${last && comma === at ? "," : ""}\n${indent}${methods.join(`,\n${indent}`)}${comma === at ? "" : ","}`);
      continue;
    }
    const base = bp.resource ? openApiPath(bp.resource.basePath) : path;
    const near = [...reg.paths.properties].reverse().find((p) => p.name?.getText().replace(/^['"]|['"]$/g, "").startsWith(base.split("/").slice(0, 2).join("/"))) ?? reg.paths.properties[reg.paths.properties.length - 1];
    if (!near) continue;
    const at = near.getEnd();
    const hasComma = text.slice(at).trimStart().startsWith(",");
    const after = hasComma ? at + text.slice(at).indexOf(",") + 1 : at;
    const indent = indentAt(text, near.getStart());
    const inner = `${indent}${indent.startsWith("\t") ? "\t" : "  "}`;
    editor.add(reg.file, after, `${hasComma ? "" : ","}\n${indent}${JSON.stringify(path)}: {\n${methods.map((x) => `${inner}${x},`).join("\n")}\n${indent}}${hasComma ? "," : ""}`);
  }
  return [`Described the new endpoints in \`${opsFile}\` and listed them in the OpenAPI paths of \`${reg.file}\`.`];
}
