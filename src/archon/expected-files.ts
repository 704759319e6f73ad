import type { RepositoryFacts } from "../domain/plan.js";

export type AreaRole = "code" | "tests" | "docs";

const TEST_DIRS = ["test", "tests", "__tests__", "spec"];
const SOURCE_DIRS = ["src", "app", "lib", "server", "api"];
const DOC_DIRS = ["docs", "doc"];

/** Top-level names without trailing slashes: facts may list `src/` or `src`. */
function topLevel(facts: RepositoryFacts): Set<string> {
  return new Set(facts.paths.map((p) => p.replace(/\/+$/, "")));
}

/** Which agent an area the requester named belongs to. */
export function areaRole(area: string): AreaRole {
  const lower = area.toLowerCase();
  if (/(^|\/)(test|tests|__tests__|spec)(\/|$)|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$/.test(lower))
    return "tests";
  if (/(^|\/)docs?(\/|$)|\.(md|mdx|rst)$/.test(lower)) return "docs";
  return "code";
}

function extension(facts: RepositoryFacts): string {
  if (facts.language === "python") return "py";
  return facts.language === "typescript" ? "ts" : "js";
}

/** Where new code goes when the issue does not say: the framework's usual place. */
export function guessCodeFiles(facts: RepositoryFacts, resource: string): string[] {
  const dirs = topLevel(facts);
  const ext = extension(facts);
  if (facts.language === "python") {
    const base = ["app", "src"].find((d) => dirs.has(d)) ?? "app";
    return [`${base}/routers/${resource}.py`, `${base}/main.py`];
  }
  const base = SOURCE_DIRS.find((d) => dirs.has(d)) ?? "src";
  if (facts.framework === "express" || facts.framework === "fastify") {
    return [`${base}/routes/${resource}.${ext}`, `${base}/app.${ext}`];
  }
  return [`${base}/${resource}.${ext}`];
}

export function guessTestFiles(facts: RepositoryFacts, resource: string): string[] {
  const dirs = topLevel(facts);
  if (facts.language === "python") return [`${TEST_DIRS.find((d) => dirs.has(d)) ?? "tests"}/test_${resource}.py`];
  const dir = TEST_DIRS.find((d) => dirs.has(d)) ?? "test";
  return [`${dir}/${resource}.test.${extension(facts)}`];
}

export function guessDocFiles(facts: RepositoryFacts, resource: string): string[] {
  const dirs = topLevel(facts);
  const dir = DOC_DIRS.find((d) => dirs.has(d));
  const files = dir ? [`${dir}/${resource}.md`] : [];
  return dirs.has("README.md") || files.length === 0 ? ["README.md", ...files] : files;
}
