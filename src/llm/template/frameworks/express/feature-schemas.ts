import type { Blueprint, FieldSpec } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { joiObject, zodObject } from "../../jsts/render-schema.js";
import type { ExpressModel } from "./express-model.js";
import type { FeatureSibling, NewFeature } from "./feature-sibling.js";

/** The new feature's types and body schemas, named as the sibling names its own. */
export interface FeatureSchemas {
  /** The create body's schema: `TagBody`. */
  body: string;
  /** The partial update body's schema: `TagUpdate`. */
  update: string;
  hasUpdate: boolean;
  /** The item types and schemas, for the service module when there is no schemas module. */
  lines: string[];
  /** Bodies are checked by the repository's validation middleware before the handlers run. */
  validated: boolean;
}

function tsType(f: FieldSpec): string {
  const base = f.type === "integer" || f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : f.type === "array" ? "unknown[]" : f.type === "object" ? "Record<string, unknown>" : "string";
  return base;
}

/** Declares the item types and body schemas, and writes them to the schemas module when the sibling has one. */
export function writeFeatureSchemas(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, f: NewFeature): FeatureSchemas {
  const r = f.resource;
  const item = f.item;
  const lib = m.validation;
  const hasUpdate = bp.endpoints.some((e) => e.role === "update");
  // The schema named as the sibling names its own (`ProductBody` → `TagBody`).
  const mirrored = sib.schemaName ? renameTokens(sib.schemaName, sib.names, r.names) : undefined;
  const bodySchema = mirrored && mirrored !== sib.schemaName ? mirrored : `${item}BodySchema`;
  const updateSchema = bodySchema.replace(/Body/, "Update").replace(/^(?!.*Update)(.*)$/, "$1Update");
  const schemaLines: string[] = [];
  if (f.typescript) schemaLines.push(`export interface ${item} {`, `${r.idName}: ${f.idTs};`, ...r.fields.map((x) => `${x.name}${x.required || x.default !== undefined ? "" : "?"}: ${tsType(x)};`), "}", "", `export type New${item} = Omit<${item}, "${r.idName}">;`, "");
  if (lib?.middleware) {
    const make = (partial: boolean) => (lib.library === "zod" ? zodObject(r.fields, lib.libraryName, partial) : joiObject(r.fields, lib.libraryName, partial));
    schemaLines.push(`export const ${bodySchema} = ${make(false)};`);
    if (hasUpdate) schemaLines.push(`export const ${updateSchema} = ${make(true)};`);
  }
  const schemaHeader = lib?.middleware ? `${lib.libraryImport}\n\n` : "";
  if (f.files.schemas) editor.create(f.files.schemas, `${schemaHeader}${schemaLines.join("\n")}`);
  const validated = lib?.middleware !== undefined && bp.endpoints.every((e) => e.rules.every((x) => x.error.body.kind === "repo"));
  return { body: bodySchema, update: updateSchema, hasUpdate, lines: schemaLines, validated };
}
