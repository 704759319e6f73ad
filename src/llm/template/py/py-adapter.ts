import type { RepositoryFacts } from "../../../archon/plan.js";
import type { RepoView } from "../../../forge/forge.js";
import type { FrameworkAdapter } from "../adapter.js";
import type { Analysis } from "../model.js";

export async function pyAdapter(_repo: RepoView, _facts: RepositoryFacts): Promise<Analysis<FrameworkAdapter>> {
  return { ok: false, reason: "FastAPI is not done yet." };
}
