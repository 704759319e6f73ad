import type { Hints } from "./spec.js";
import type { Unit } from "./markdown-units.js";
import { typeFromWord } from "./field-facts.js";
import { readLibraries } from "./read-libraries.js";
import { readMirror, TEST_WORDS } from "./read-mirror.js";
import { codeSpans, isStatusCode, splitSentences } from "./text-tools.js";

const FILE = /^[\w.-]+\.(?:ts|js|mjs|cjs|tsx|jsx|py|json|md|ya?ml|toml|cfg|ini|txt|env|sql|html|css)$/;
const FOLDERS = /^(?:\.{1,2}\/)?[\w@.-]+(?:\/[\w@.-]*)+$/;
const PLAIN_PATH = /(?<![\w/:@.`-])(?:[\w.-]+\/)+[\w.-]*|(?<![\w/:@.`-])[\w-]+\.(?:ts|js|py|md|json|ya?ml|toml)\b/g;
// Folders a repository path starts with; "name/email/phone" in prose is not a path.
const ROOTS = /^(?:src|app|lib|libs|test|tests|spec|routes|models|packages|api|apps|server|client|core|config|docs|scripts)\//;
const CODE_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?$/;
const LITERALS = /^(true|false|null|none|nil|undefined|GET|POST|PUT|PATCH|DELETE)$/i;

export function isRepoPath(text: string): boolean {
  if (text.startsWith("/") || text.startsWith("@") || text.includes("://") || /^node:/.test(text)) return false;
  return FILE.test(text) || FOLDERS.test(text);
}

function plainPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/`[^`]*`/g, " ").matchAll(PLAIN_PATH)) {
    const path = m[0].replace(/[.,:;]+$/, "");
    if (/\.\w+$/.test(path) || path.endsWith("/") || ROOTS.test(path)) out.push(path);
  }
  return out;
}

function add(list: string[], value: string): void {
  if (value !== "" && !list.includes(value) && list.length < 50) list.push(value);
}

/**
 * Files, names in code, libraries and what to follow. `taken` holds names that belong to the task
 * itself (fields, parameters, keys of shown bodies, the collection), which are not hints.
 */
export function readHints(units: Unit[], areas: string[], taken: Set<string>): Hints {
  const hints: Hints = { paths: [], names: [], libraries: readLibraries(units) };
  for (const area of areas.slice(0, 20)) add(hints.paths, area.trim());
  for (const unit of units) {
    if (unit.kind === "code") continue;
    for (const span of codeSpans(unit.text)) {
      const value = span.value.trim();
      if (isRepoPath(value)) add(hints.paths, value);
      else if (CODE_NAME.test(value) && !LITERALS.test(value) && !isStatusCode(value) && !typeFromWord(value) && !taken.has(value) && !taken.has(value.toLowerCase()) && !hints.libraries.includes(value.toLowerCase())) add(hints.names, value);
    }
    for (const path of plainPaths(unit.text)) add(hints.paths, path);
  }
  const mirror = readMirror(units);
  if (mirror) hints.mirror = mirror;
  for (const unit of units) {
    if (unit.kind === "code" || hints.testsAt) continue;
    for (const sentence of splitSentences(unit.text)) {
      if (!TEST_WORDS.test(sentence.value)) continue;
      const paths = [...codeSpans(sentence.value).map((s) => s.value.trim()), ...plainPaths(sentence.value)].filter(isRepoPath);
      // "in `routes/`, tested with pytest under `tests/`": the path that looks like tests wins.
      const path = paths.find((p) => /test|spec/i.test(p)) ?? paths[0];
      if (path) {
        hints.testsAt = path;
        break;
      }
    }
  }
  return hints;
}
