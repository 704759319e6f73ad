import { posix } from "node:path";

const JS_EXTENSIONS = ["", ".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", "/index.js", "/index.ts"];

/** The repository file a relative import specifier points at, or undefined. */
export function resolveImport(fromFile: string, specifier: string, files: Set<string>): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  // TypeScript sources import their siblings with the extension they compile to.
  const stripped = base.replace(/\.(m|c)?js$/, "");
  for (const candidate of [base, ...JS_EXTENSIONS.map((ext) => stripped + ext)]) {
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}

/** A relative specifier from one file to another, in the importing file's module style. */
export function importSpecifier(fromFile: string, toFile: string, options: { keepExtension: boolean; typescript: boolean }): string {
  let relative = posix.relative(posix.dirname(fromFile), toFile);
  if (!relative.startsWith(".")) relative = `./${relative}`;
  if (!options.keepExtension) return relative.replace(/\.[cm]?[jt]s$/, "");
  return options.typescript ? relative.replace(/\.ts$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs") : relative;
}

/**
 * Where an identifier used in a file was imported from: `const x = require('./a')`,
 * `import x from './a.js'`, `import { x } from './a.js'`, `import { y as x } from ...`.
 */
export function importOf(text: string, identifier: string): { specifier: string; imported: string } | undefined {
  const id = identifier.replace(/[$]/g, "\\$");
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [new RegExp(`(?:const|let|var)\\s+${id}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`), () => "default"],
    [new RegExp(`import\\s+${id}\\s*(?:,\\s*\\{[^}]*\\})?\\s+from\\s+['"]([^'"]+)['"]`), () => "default"],
    [new RegExp(`(?:import|const|let|var)\\s*\\{([^}]*)\\}\\s*(?:from\\s+|=\\s*require\\(\\s*)['"]([^'"]+)['"]`, "g"), (m) => m[1] ?? ""],
  ];
  for (const [pattern, imported] of patterns) {
    if (pattern.flags.includes("g")) {
      for (const m of text.matchAll(pattern)) {
        const names = (m[1] ?? "").split(",").map((n) => n.trim());
        for (const name of names) {
          const [from, as] = name.split(/\s+as\s+|\s*:\s*/).map((p) => p.trim());
          if ((as ?? from) === identifier && m[2]) return { specifier: m[2], imported: from ?? identifier };
        }
      }
      continue;
    }
    const m = pattern.exec(text);
    if (m?.[1]) return { specifier: m[1], imported: imported(m) };
  }
  return undefined;
}
