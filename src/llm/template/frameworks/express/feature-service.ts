import type { Blueprint, EndpointRole } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { ExpressModel } from "./express-model.js";
import { exportLine, type FeatureSibling, type NewFeature } from "./feature-sibling.js";
import { errorValue, type Rendered } from "./render-errors.js";

type ServiceRole = "list" | "get" | "create" | "update" | "delete";

/** The new service as the controller reaches it. */
export interface FeatureService {
  /** Method names by role, as the sibling service names them. */
  methods: Record<ServiceRole, string>;
  /** The methods throw the repository's not-found error, as the sibling's do. */
  throws: boolean;
  /** The name the service is used by: `tagsService`. */
  local: string;
  text: string;
}

/** The service's methods over the in-memory Map, throwing `notFound` where the sibling's throw. */
function methodTexts(sib: FeatureSibling, f: NewFeature, methods: Record<ServiceRole, string>, notFound: Rendered | undefined): Record<ServiceRole, string> {
  const r = f.resource;
  const ts_ = f.typescript;
  const item = f.item;
  const idTs = f.idTs;
  const a = sib.service.async ? "async " : "";
  const p = (t: string) => (ts_ ? (sib.service.async ? `: Promise<${t}>` : `: ${t}`) : "");
  const nextId = r.idType === "integer" ? "this.lastId" : r.idType === "uuid" ? "randomUUID()" : "String(this.lastId)";
  // A uuid needs no counter; `this.lastId += 1` goes only where ids are counted.
  const missing = (v: string) => (notFound ? `if (!${v}) {\nthrow ${notFound.code};\n}` : "");
  return {
    list: `${a}${methods.list}()${p(`${item}[]`)} {\nreturn [...this.storage.values()];\n}`,
    get: `${a}${methods.get}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst item = this.storage.get(id);\n${missing("item")}\nreturn item;\n}`,
    create: `${a}${methods.create}(data${ts_ ? `: New${item}` : ""})${p(item)} {\n${r.idType === "uuid" ? "" : "this.lastId += 1;\n"}const item = { ${r.idName}: ${nextId}, ...data };\nthis.storage.set(item.${r.idName}, item);\nreturn item;\n}`,
    update: `${a}${methods.update}(id${ts_ ? `: ${idTs}` : ""}, data${ts_ ? `: Partial<New${item}>` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst current = this.storage.get(id);\n${notFound ? missing("current") : "if (!current) {\nreturn undefined;\n}"}\nconst item = { ...current, ...data };\nthis.storage.set(id, item);\nreturn item;\n}`,
    delete: `${a}${methods.delete}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? "void" : "boolean")} {\n${notFound ? `if (!this.storage.delete(id)) {\nthrow ${notFound.code};\n}` : "return this.storage.delete(id);"}\n}`,
  };
}

/** Whether the service needs a method for a role: the endpoints' own, and `get` for a handler that must check an item exists. */
function wantsMethod(roles: Set<EndpointRole>, throws: boolean): (role: ServiceRole) => boolean {
  return (role) =>
    role === "update" ? roles.has("update") || roles.has("replace") : role === "get" ? roles.has("get") || (!throws && (roles.has("update") || roles.has("replace") || roles.has("delete"))) : roles.has(role) || (role === "list" && roles.has("count"));
}

/** Writes the service: the items in memory, behind the sibling service's method names and exported as it is. */
export function writeFeatureService(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, f: NewFeature, schemaLines: string[]): FeatureService {
  const r = f.resource;
  const ts_ = f.typescript;
  const item = f.item;
  const methods = { list: sib.service.methods.list ?? "list", get: sib.service.methods.get ?? "read", create: sib.service.methods.create ?? "create", update: sib.service.methods.update ?? "update", delete: sib.service.methods.delete ?? "delete" };
  const throws = sib.service.throwsNotFound.size > 0 && m.errors !== undefined;
  const notFound = throws ? errorValue(m, 404, JSON.stringify(`${r.names.singularWords.charAt(0).toUpperCase()}${r.names.singularWords.slice(1)} not found`)) : undefined;
  const serviceClass = `${r.names.pascalPlural}Service`;
  const serviceLocal = renameTokens(sib.service.expr, sib.stem, f.to);
  const roles = new Set(bp.endpoints.map((e) => e.role));
  const texts = methodTexts(sib, f, methods, notFound);
  const usesCounter = roles.has("create") && r.idType !== "uuid";
  const service = [
    ...(ts_ && !f.files.schemas ? schemaLines : []),
    `/** Keeps the ${r.names.pluralWords} in memory: they are gone when the process restarts. */`,
    `class ${serviceClass} {`,
    `${ts_ ? "private readonly " : ""}storage = new Map${ts_ ? `<${f.idTs}, ${item}>` : ""}();`,
    ...(usesCounter ? [`${ts_ ? "private " : ""}lastId = 0;`] : []),
    "",
    ...(["list", "get", "create", "update", "delete"] as const).filter(wantsMethod(roles, notFound !== undefined)).flatMap((role) => [texts[role], ""]),
    "}",
    "",
    exportLine(m.project.text(sib.service.file) ?? "", serviceClass, serviceLocal),
  ];
  const serviceNeeds: ImportNeed[] = [...(notFound?.imports ?? [])];
  if (ts_ && f.files.schemas) serviceNeeds.push({ module: f.files.schemas, name: item, local: item, typeOnly: true }, { module: f.files.schemas, name: `New${item}`, local: `New${item}`, typeOnly: true });
  if (r.idType === "uuid") serviceNeeds.push({ module: "node:crypto", name: "randomUUID", local: "randomUUID" });
  editor.create(f.files.service, service.join("\n").replace(/\n\n\n+/g, "\n\n"), serviceNeeds);
  return { methods, throws, local: serviceLocal, text: service.join("\n") };
}
