import type { FieldSpec } from "../../../agents/task-request.js";
import type { ResourceNames } from "../model.js";
import type { JsRouteFile, JsService } from "./js-service.js";

export interface StoreModule {
  path: string;
  arrayName: string;
  nextIdName: string;
}

const TS_TYPES: Record<FieldSpec["type"], string> = { string: "string", number: "number", boolean: "boolean" };

/** A small in-memory store module for a new resource. */
export function renderStoreModule(service: JsService, names: ResourceNames, fields: FieldSpec[], store: StoreModule): string {
  const lines: string[] = [];
  const exp = service.esm ? "export " : "";
  if (service.typescript) {
    lines.push(`export interface ${names.pascalSingular} {`, "  id: number;", ...fields.map((f) => `  ${f.name}: ${TS_TYPES[f.type]};`), "}", "");
  }
  lines.push(
    "// Kept in memory: the service starts empty on every restart.",
    `${exp}const ${store.arrayName}${service.typescript ? `: ${names.pascalSingular}[]` : ""} = [];`,
    "",
    "let lastId = 0;",
    "",
    `${exp}function ${store.nextIdName}()${service.typescript ? ": number" : ""} {`,
    "  lastId += 1;",
    "  return lastId;",
    "}",
  );
  if (!service.esm) lines.push("", `module.exports = { ${store.arrayName}, ${store.nextIdName} };`);
  return `${lines.join("\n")}\n`;
}

export function importStatement(service: JsService, binding: { default?: string; named?: string[] }, specifier: string): string {
  if (service.esm) {
    const parts = [binding.default, binding.named && binding.named.length > 0 ? `{ ${binding.named.join(", ")} }` : undefined].filter(Boolean);
    return `import ${parts.join(", ")} from "${specifier}";`;
  }
  return binding.default ? `const ${binding.default} = require("${specifier}");` : `const { ${(binding.named ?? []).join(", ")} } = require("${specifier}");`;
}

/** Replaces an existing resource's name in an identifier or file name: `todosRouter` → `booksRouter`. */
export function renameLike(template: string | undefined, from: ResourceNames | undefined, to: ResourceNames, fallback: string): string {
  if (!template || !from) return fallback;
  const swaps: [string, string][] = [
    [from.camelPlural, to.camelPlural],
    [from.plural, to.plural],
    [from.pascalSingular, to.pascalSingular],
    [from.camelSingular, to.camelSingular],
    [from.singular, to.singular],
  ];
  for (const [a, b] of swaps) if (a && template.includes(a)) return template.replace(a, b);
  return fallback;
}

/** The new route module's text around its routes: imports, router or plugin, export. */
export function renderRouteModule(
  service: JsService,
  model: JsRouteFile | undefined,
  names: { exportName: string; receiver: string },
  storeImport: string,
  routes: string[],
  preamble = "",
): string {
  const body = routes.join("\n\n");
  if (service.framework === "express") {
    const expressImport =
      model?.text.split("\n").find((l) => /['"]express['"]/.test(l) && /^(import|const|let|var)\b/.test(l)) ??
      (service.esm ? 'import { Router } from "express";' : 'const express = require("express");');
    const factory = /express\.Router\(/.test(model?.text ?? "") || (!model && !service.esm) ? "express.Router()" : "Router()";
    const factoryCall = /\bexpress\b/.test(expressImport) && !/\{[^}]*\bRouter\b/.test(expressImport) ? "express.Router()" : factory;
    const declaration = model?.exportStyle === "named" ? `export const ${names.receiver} = ${factoryCall};` : `const ${names.receiver} = ${factoryCall};`;
    const tail = model?.exportStyle === "named" ? "" : service.esm ? `\n\nexport default ${names.receiver};` : `\n\nmodule.exports = ${names.receiver};`;
    return `${expressImport}\n${storeImport}\n\n${declaration}\n\n${body}${tail}\n`;
  }
  const param = service.typescript ? `${names.receiver}: FastifyInstance` : names.receiver;
  const typeImport = service.typescript ? 'import type { FastifyInstance } from "fastify";\n' : "";
  const signature = `async function ${names.exportName}(${param}) {\n${body}\n}`;
  const declarations = preamble ? `${preamble}\n\n` : "";
  if (!service.esm) return `${storeImport}\n\n${declarations}module.exports = ${signature};\n`;
  const exported = model?.exportStyle === "named" ? `export ${signature}` : `export default ${signature}`;
  return `${typeImport}${storeImport}\n\n${declarations}${exported}\n`;
}
