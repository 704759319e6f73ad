import type { RepositoryFacts } from "../../../archon/plan.js";
import type { RepoView } from "../../../forge/forge.js";
import type { FrameworkAdapter } from "../adapter.js";
import type { Analysis, Blueprint } from "../model.js";
import { analysePyTests, pyTestPath, renderPyTests } from "../tests/py-tests.js";
import { testCases } from "../tests/test-cases.js";
import { analyseFastapi, findPyResource } from "./analyse-fastapi.js";
import { fastapiPath } from "./render-fastapi.js";
import { writeFastapiCode } from "./write-fastapi-code.js";

// FastAPI answers a body that fails its pydantic model with 422, and the tests expect what it does.
const VALIDATION_STATUS = 422;

export async function pyAdapter(repo: RepoView, _facts: RepositoryFacts): Promise<Analysis<FrameworkAdapter>> {
  const analysed = await analyseFastapi(repo);
  if (!analysed.ok) return analysed;
  const service = analysed.value;
  let names: Blueprint["names"] | undefined;
  return {
    ok: true,
    value: {
      errorKey: "detail",
      port: 8000,
      pathStyle: (path) => (names ? fastapiPath(path, names) : path),
      existing(resource) {
        names = resource;
        return { routes: service.routes, createFields: findPyResource(service, resource)?.createModel?.fields ?? [], validationStatus: VALIDATION_STATUS };
      },
      writeCode: async (bp) => writeFastapiCode(service, bp),
      async writeTests(bp) {
        const harness = await analysePyTests(repo, bp.names.plural);
        if (!harness.ok) return harness;
        const cases = testCases(bp);
        const base = bp.isNewResource ? bp.names.snakePlural : `${bp.names.snakePlural}_${bp.operations.map((op) => op.operation).join("_")}`;
        return {
          ok: true,
          value: {
            change: { action: "create", path: pyTestPath(harness.value.model, base, service.files), content: renderPyTests(harness.value, cases) },
            testNames: cases.map((c) => `${c.endpoint} ${c.name}`),
            model: harness.value.model,
          },
        };
      },
    },
  };
}
