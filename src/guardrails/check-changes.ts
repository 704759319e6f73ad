import { minimatch } from "minimatch";
import type { FileChange } from "../domain/forge.js";
import { type ChangeLimits, DEFAULT_LIMITS } from "./limits.js";
import { normalisePath } from "./normalise-path.js";
import { protectedReason } from "./protected-paths.js";

export type ViolationRule =
  | "invalid-path"
  | "protected-path"
  | "not-allowed"
  | "forbidden"
  | "duplicate-path"
  | "too-many-files"
  | "file-too-large"
  | "too-large";

export interface Violation {
  rule: ViolationRule;
  /** The path as the agent gave it; absent for rules on the change set as a whole. */
  path?: string;
  /** Plain words, shown to the person in the status comment. */
  message: string;
}

export interface GuardrailRules extends ChangeLimits {
  /** Globs (from `.github/archon.yml` `paths.allowed`); empty means the whole repository. */
  allowed: string[];
  /** Globs agents must never touch; these win over `allowed`. */
  forbidden: string[];
}

export type CheckResult = { ok: true; changes: FileChange[] } | { ok: false; violations: Violation[] };

const GLOB_OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

function matchesAny(path: string, globs: string[]): string | undefined {
  return globs.find((glob) => minimatch(path, glob, GLOB_OPTIONS));
}

function pathViolation(raw: string, rules: GuardrailRules): Violation | string {
  const normal = normalisePath(raw);
  if (!normal.ok) return { rule: "invalid-path", path: raw, message: `\`${raw}\` ${normal.reason}.` };
  const path = normal.path;
  const reason = protectedReason(path);
  if (reason) return { rule: "protected-path", path: raw, message: `\`${path}\` is off limits: ${reason}.` };
  const forbidden = matchesAny(path, rules.forbidden);
  if (forbidden) return { rule: "forbidden", path: raw, message: `\`${path}\` matches the forbidden path \`${forbidden}\` in the repository config.` };
  if (rules.allowed.length > 0 && !matchesAny(path, rules.allowed)) {
    return { rule: "not-allowed", path: raw, message: `\`${path}\` is outside the allowed paths (${rules.allowed.map((g) => `\`${g}\``).join(", ")}).` };
  }
  return path;
}

/**
 * Checks one agent's proposed changes against the house rules and the repository's config.
 * Pure: returns the changes with normalised paths, or every rule they break.
 */
export function checkChanges(changes: FileChange[], partial: Partial<GuardrailRules> = {}): CheckResult {
  const rules: GuardrailRules = { ...DEFAULT_LIMITS, allowed: [], forbidden: [], ...partial };
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const accepted: FileChange[] = [];
  let total = 0;

  if (changes.length > rules.maxFiles) {
    violations.push({ rule: "too-many-files", message: `${changes.length} files changed; at most ${rules.maxFiles} are allowed in one step.` });
  }
  for (const change of changes) {
    const checked = pathViolation(change.path, rules);
    if (typeof checked !== "string") {
      violations.push(checked);
      continue;
    }
    if (seen.has(checked)) {
      violations.push({ rule: "duplicate-path", path: change.path, message: `\`${checked}\` is changed more than once.` });
      continue;
    }
    seen.add(checked);
    if (change.action !== "delete") {
      const bytes = Buffer.byteLength(change.content, "utf8");
      total += bytes;
      if (bytes > rules.maxFileBytes) {
        violations.push({ rule: "file-too-large", path: change.path, message: `\`${checked}\` is ${bytes} bytes; at most ${rules.maxFileBytes} are allowed per file.` });
      }
    }
    accepted.push({ ...change, path: checked });
  }
  if (total > rules.maxTotalBytes) {
    violations.push({ rule: "too-large", message: `${total} bytes changed in all; at most ${rules.maxTotalBytes} are allowed in one step.` });
  }
  return violations.length > 0 ? { ok: false, violations } : { ok: true, changes: accepted };
}
