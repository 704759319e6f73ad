import type { FieldSpec, FieldType } from "../../../agents/task-request.js";
import { joinPath, type ResourceNames } from "../model.js";
import { statementEnd } from "../source/scan.js";
import type { JsResource, JsRouteFile, JsService, JsStore } from "./js-service.js";

const NOT_STORES = new Set(["req", "res", "request", "reply", "router", "app", "fastify", "Object", "Array", "JSON", "Math", "console", "item", "body", "params", "process", "Promise"]);

function firstSegment(path: string): string {
  return path.split("/").filter(Boolean)[0] ?? "";
}

function storeIn(file: JsRouteFile, names: ResourceNames): JsStore | undefined {
  const text = file.text;
  const used = new Map<string, "array" | "map">();
  for (const m of text.matchAll(/\b([A-Za-z_$][\w$]*)\.(push|find|filter|findIndex|splice|some|set|get|values|delete|has|size)\b/g)) {
    const name = m[1]!;
    if (NOT_STORES.has(name) || name === file.receiver) continue;
    const declared = new RegExp(`(?:const|let|var)\\s+${name}\\b|import[^;]*\\b${name}\\b[^;]*from|\\b${name}\\b[^;]*=\\s*require\\(`).test(text);
    if (!declared) continue;
    const kind = /^(set|get|values|delete|has|size)$/.test(m[2]!) || new RegExp(`${name}\\s*(?::[^=]+)?=\\s*new Map\\b`).test(text) ? "map" : "array";
    if (used.get(name) !== "map") used.set(name, kind);
  }
  const ranked = [...used.entries()].sort(([a], [b]) => rank(b, names) - rank(a, names));
  const best = ranked[0];
  if (!best || rank(best[0], names) === 0) return undefined;
  return { name: best[0], kind: best[1], nextId: nextIdOf(text) };
}

function rank(name: string, names: ResourceNames): number {
  const lower = name.toLowerCase();
  if (lower === names.camelPlural.toLowerCase()) return 3;
  if (lower.includes(names.singular.toLowerCase())) return 2;
  return /^(items|store|data|db|records)$/.test(lower) ? 1 : 0;
}

function nextIdOf(text: string): string | undefined {
  const counter = /\blet\s+([A-Za-z_$][\w$]*[iI]d)\s*=\s*\d+/.exec(text);
  if (counter && new RegExp(`${counter[1]}\\+\\+`).test(text)) return `${counter[1]}++`;
  const helper = /\b(next[A-Za-z_$]*Id)\(\)/.exec(text);
  return helper ? `${helper[1]}()` : undefined;
}

function typeOf(text: string, name: string): FieldType {
  const checked = new RegExp(`typeof\\s+(?:[\\w.?]*\\.)?${name}\\s*[!=]==?\\s*['"](number|boolean|string)['"]`).exec(text)?.[1];
  const schema = new RegExp(`\\b${name}\\s*:\\s*\\{\\s*type\\s*:\\s*['"](number|integer|boolean|string)['"]`).exec(text)?.[1];
  const found = checked ?? schema;
  return found === "integer" ? "number" : ((found as FieldType | undefined) ?? "string");
}

/** Body fields the existing create route reads: `req.body.title`, `const { title } = req.body`, schema `required`. */
function createFields(file: JsRouteFile, names: ResourceNames): FieldSpec[] {
  const create = file.calls.find((c) => c.method === "POST" && firstSegment(joinPath(file.mount, c.local)) === names.plural);
  if (!create) return [];
  const statement = file.text.slice(create.start, statementEnd(file.text, create.start));
  const found = new Set<string>();
  for (const m of statement.matchAll(/\b(?:req|request)\.body\??\.([A-Za-z_]\w*)/g)) found.add(m[1]!);
  for (const m of statement.matchAll(/\{([^{}]*)\}\s*=\s*(?:req|request)\.body/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(/[:=]/)[0]!.trim();
      if (/^[A-Za-z_]\w*$/.test(name)) found.add(name);
    }
  }
  if (found.size === 0) {
    const required = /required\s*:\s*\[([^\]]*)\]/.exec(file.text)?.[1] ?? "";
    for (const m of required.matchAll(/['"]([A-Za-z_]\w*)['"]/g)) found.add(m[1]!);
  }
  return [...found].map((name) => ({ name, type: typeOf(file.text, name) }));
}

/** The route file, store and create fields of a resource the repository already serves. */
export function findResource(service: JsService, names: ResourceNames): JsResource | undefined {
  const holders = service.routeFiles
    .map((file) => ({ file, count: file.calls.filter((c) => firstSegment(joinPath(file.mount, c.local)) === names.plural).length }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count);
  const file = holders[0]?.file;
  if (!file) return undefined;
  return { file, store: storeIn(file, names), createFields: createFields(file, names) };
}
