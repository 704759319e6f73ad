import type { z } from "zod";
import { RepoConfig } from "./repo-config.schema.js";
import type { ConfigProblem } from "../domain/config-problem.js";

export type { ConfigProblem };

export type RepoConfigResult = { ok: true; config: RepoConfig } | { ok: false; problems: ConfigProblem[] };

/** Validates the parsed YAML of `.github/archon.yml`; null or undefined (empty file) means defaults. */
export function parseRepoConfig(input: unknown): RepoConfigResult {
  const result = RepoConfig.safeParse(input ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.flatMap(toProblems) };
}

/** The defaults, for a repository without `.github/archon.yml`. */
export function defaultRepoConfig(): RepoConfig {
  return RepoConfig.parse({});
}

function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  const base = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      const hint = camel !== key ? `; keys are camelCase: did you mean \`${camel}\`?` : "";
      return { path: formatPath([...base, key]), message: `unknown key${hint}` };
    });
  }
  if (issue.code === "invalid_type" && base.length === 0) {
    return [{ path: "", message: "expected a mapping of settings (key: value)" }];
  }
  return [{ path: formatPath(base), message: issue.message }];
}

/** `["paths", "allowed", 1]` → `paths.allowed[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === "number") return `${text}[${part}]`;
    return text === "" ? part : `${text}.${part}`;
  }, "");
}
