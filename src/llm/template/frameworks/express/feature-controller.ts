import ts from "typescript";
import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { type DataAccess, serviceAccess } from "./data-access.js";
import type { ExpressModel } from "./express-model.js";
import type { FeatureSchemas } from "./feature-schemas.js";
import type { FeatureService } from "./feature-service.js";
import { exportLine, type FeatureSibling, type NewFeature } from "./feature-sibling.js";
import { renderHandler } from "./handlers.js";

/** The new controller as the router uses it. */
export interface FeatureController {
  /** The name the controller is used by: `tagsController`. */
  local: string;
  exportText: string;
  /** One route line per endpoint, with `ROUTER` standing for the router's name. */
  routes: string[];
}

/** What every method of the new controller shares. */
interface ControllerScope {
  m: ExpressModel;
  bp: Blueprint;
  sib: FeatureSibling;
  f: NewFeature;
  data: DataAccess;
  schemas: FeatureSchemas;
  local: string;
}

function validationCall(m: ExpressModel, schema: string): string[] {
  const mw = m.validation?.middleware;
  if (!mw) return [];
  return [mw.form === "object" ? `${mw.callee}({ ${mw.keys.body ?? "body"}: ${schema} })` : `${mw.callee}(${schema})`];
}

/** The name the controller is used by: its exported instance (`productsController`), else its class, renamed for the new feature. */
function controllerLocal(m: ExpressModel, sib: FeatureSibling, f: NewFeature, controllerClass: string): string {
  const owner = sib.controller.method.parent;
  const ownerName = ts.isClassLike(owner) && owner.name ? owner.name.text : controllerClass;
  const instance = new RegExp(`(?:export\\s+(?:const|let)\\s+(\\w+)\\s*=\\s*new\\s+${ownerName}\\b)`).exec(m.project.text(sib.controller.file) ?? "")?.[1];
  return renameTokens(renameTokens(instance ?? ownerName, sib.stem, f.to), sib.names, f.resource.names);
}

/** One endpoint as a controller method shaped like the sibling's, and the route line that calls it. */
function endpointMethod(c: ControllerScope, ep: EndpointPlan): { member: string; route: string; imports: ImportNeed[] } {
  const { m, sib, f, data, schemas } = c;
  const sample = sib.controller.method;
  const handler = renderHandler({ m, bp: c.bp, ep, data, validated: { body: schemas.validated && !!ep.body, params: false }, exprs: { count: () => data.count(), constant: (_f, n) => n } });
  const name = ep.role === "replace" ? "replace" : ep.role === "custom" ? "handle" : ep.role;
  const params = ["req", "res", "next"].slice(0, handler.next ? 3 : 2).map((base, i) => {
    const used = i !== 0 || handler.statements.some((s) => /\breq\b/.test(s));
    const type = f.typescript ? sample.parameters[i]?.type?.getText() : undefined;
    return `${used ? base : `_${base}`}${type ? `: ${type}` : ""}`;
  });
  const ret = f.typescript && sample.type ? `: ${handler.async ? sample.type.getText() : "void"}` : "";
  const member = `${handler.async ? "async " : ""}${name}(${params.join(", ")})${ret} {\n${handler.statements.join("\n")}\n}`;
  const validation = schemas.validated && ep.body ? validationCall(m, ep.role === "update" ? schemas.update : schemas.body) : [];
  const args = handler.next ? "req, res, next" : "req, res";
  const target = sib.controller.wrapped ? `(${args}) => ${c.local}.${name}(${args})` : `${c.local}.${name}`;
  const route = `${"ROUTER"}.${ep.method.toLowerCase()}(${[JSON.stringify(ep.path.slice(f.resource.basePath.length) || "/"), ...validation, target].join(", ")});`;
  return { member, route, imports: handler.imports };
}

/** Writes the controller: one method per endpoint, through the service, exported as the sibling's is. */
export function writeFeatureController(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, f: NewFeature, service: FeatureService, schemas: FeatureSchemas): FeatureController {
  const r = f.resource;
  const { methods } = service;
  const data = serviceAccess(service.local, { list: methods.list, get: methods.get, create: methods.create, update: methods.update, replace: methods.update, delete: methods.delete }, service.throws ? new Set(Object.values(methods)) : new Set(), sib.service.async, (raw) => (r.idType === "integer" ? `Number(${raw})` : raw));
  const controllerClass = `${r.names.pascalPlural}Controller`;
  const local = controllerLocal(m, sib, f, controllerClass);
  const controllerNeeds: ImportNeed[] = [{ module: f.files.service, name: /export\s+default/.test(service.text) ? "default" : service.local, local: service.local }];
  const exportText = exportLine(m.project.text(sib.controller.file) ?? "", controllerClass, local);
  const members: string[] = [];
  const routes: string[] = [];
  for (const ep of bp.endpoints) {
    const made = endpointMethod({ m, bp, sib, f, data, schemas, local }, ep);
    controllerNeeds.push(...made.imports);
    members.push(made.member);
    routes.push(made.route);
  }
  const controllerText = m.project.text(sib.controller.file) ?? "";
  const typeImport = f.typescript ? controllerText.split("\n").find((l) => /^import\s+type\s+\{[^}]*\}\s+from\s+['"]express['"]/.test(l)) : undefined;
  editor.create(f.files.controller, `class ${controllerClass} {\n${members.join("\n\n")}\n}\n\n${exportText}`, controllerNeeds, typeImport ? [typeImport] : []);
  return { local, exportText, routes };
}
