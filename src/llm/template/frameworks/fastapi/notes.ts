import type { Blueprint } from "../../blueprint/blueprint.js";
import type { RouterPlacement } from "./choose-placement.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { expressPath } from "./mounts.js";
import type { TestPlacement } from "./place-tests.js";
import type { GuardPlan } from "./plan-guard.js";
import type { ModelNames } from "./plan-models.js";
import type { StoreAccess } from "./render-store.js";

export interface ChangeSummary {
  repo: FastapiRepo;
  blueprint: Blueprint;
  placement: RouterPlacement;
  guard: GuardPlan | undefined;
  models: ModelNames;
  store: StoreAccess | undefined;
  storeIsNew: boolean;
  logicFiles: string[];
  tests: TestPlacement;
  testCount: number;
}

function endpointList({ blueprint }: ChangeSummary): string {
  const endpoints = blueprint.endpoints;
  if (blueprint.resource && endpoints.length > 2) return `the ${blueprint.resource.names.pluralWords} routes`;
  return endpoints.map((endpoint) => `\`${endpoint.method} ${endpoint.path}\``).join(" and ");
}

function placementNote(summary: ChangeSummary): string {
  const { blueprint, placement } = summary;
  const where = blueprint.resource?.basePath ?? blueprint.endpoints[0]?.path ?? "/";
  const include = placement.include;
  if (include) {
    const under = include.includePrefix || include.ownPrefix;
    const parent = include.parent.module.path;
    return `Included the new router \`${placement.path}\` in \`${parent}\`${under ? ` under \`${under}\`` : ""}, so it answers at \`${where}\`.`;
  }
  const first = placement.mirror?.route ?? placement.neighbours[0];
  const beside =
    placement.why === "collection"
      ? ` beside the existing ${blueprint.resource?.names.pluralWords ?? ""} routes`
      : first
        ? ` next to \`${first.methods[0]} ${expressPath(placement.prefix + first.localPath)}\``
        : "";
  return `Added ${endpointList(summary)} to \`${placement.path}\`${beside}.`;
}

function guardNote({ guard }: ChangeSummary): string | undefined {
  if (!guard) return undefined;
  const example = guard.info.guard.guards[0];
  if (guard.inherited) return `The new routes pass through \`${guard.info.guard.name}\` already, as their router applies it to every route.`;
  const how = guard.param ? "as a parameter" : guard.dependency?.on === "decorator" ? "in the decorator's `dependencies`" : `on the router's ${guard.dependency?.on ?? ""}`;
  return `Protected every new route with \`${guard.info.guard.name}\` ${how}${example ? `, as \`${example}\` is` : ""}.`;
}

/** One short sentence per convention the change follows, for the pull request. */
export function describeChange(summary: ChangeSummary): string[] {
  const { repo, blueprint, models, store, tests } = summary;
  const notes = [placementNote(summary)];
  const guard = guardNote(summary);
  if (guard) notes.push(guard);
  if (models.file) notes.push(`Put the pydantic models in \`${models.file}\`, with the repository's other models.`);
  if (store && summary.storeIsNew) notes.push(`Kept the ${blueprint.resource?.names.pluralWords ?? "items"} in an in-memory dict in \`${summary.placement.path}\`; they start empty on every restart.`);
  else if (store) notes.push(`The new routes use the same in-memory \`${store.name}\` as the existing ones.`);
  for (const file of summary.logicFiles) notes.push(`Put the computation in \`${file}\`, mirroring \`${summary.placement.mirror?.logic?.module.path ?? ""}\`.`);
  if (models.patch || [...(models.inline ?? [])].some((block) => block.includes("validator"))) notes.push(`Wrote the models for pydantic ${repo.major}, which the repository's requirements select.`);
  const client = tests.client.kind === "fixture" ? `the \`${tests.client.name}\` fixture` : `the module-level \`${tests.client.name}\``;
  const auth = tests.auth ? `, authenticating as \`${tests.auth.test.name}\` does` : "";
  notes.push(`Wrote ${summary.testCount} test${summary.testCount === 1 ? "" : "s"} in \`${tests.path}\` using ${client}${auth}.`);
  return notes;
}
