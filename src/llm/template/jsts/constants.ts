import ts from "typescript";
import { isTestPath } from "../../../repo/source-files.js";
import type { RepoConstant } from "../frameworks/framework.js";
import type { JsProject } from "./project.js";
import { constantValue } from "./symbols.js";

/** Exported module-level constants of plain values: what a new endpoint can answer by name. */
export function exportedConstants(project: JsProject): RepoConstant[] {
  const out: RepoConstant[] = [];
  for (const path of project.sources) {
    if (isTestPath(path)) continue;
    const file = project.sourceFile(path);
    if (!file) continue;
    for (const s of file.statements) {
      if (!ts.isVariableStatement(s) || !ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const value = constantValue(project, d.initializer);
        if (value !== undefined && (typeof value !== "object" || value === null)) out.push({ file: path, name: d.name.text, value });
      }
    }
  }
  return out;
}
