import { parse } from "yaml";
import { parseRepoConfig } from "../archon/parse-repo-config.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { RepoView } from "../domain/forge.js";

export const CONFIG_PATH = ".github/archon.yml";

export type ReadConfigResult = { ok: true; config: RepoConfig } | { ok: false; problems: string[] };

/** Reads `.github/archon.yml` at the view's commit; a missing file means the defaults. */
export async function readRepoConfig(repo: RepoView): Promise<ReadConfigResult> {
  const text = (await repo.read(CONFIG_PATH)) ?? (await repo.read(".github/archon.yaml"));
  let data: unknown;
  try {
    data = text === undefined ? undefined : parse(text);
  } catch (error) {
    return { ok: false, problems: [`${CONFIG_PATH} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = parseRepoConfig(data);
  if (parsed.ok) return parsed;
  return { ok: false, problems: parsed.problems.map((p) => `${CONFIG_PATH}${p.path ? ` ${p.path}` : ""}: ${p.message}`) };
}
