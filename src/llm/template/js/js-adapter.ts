import type { RepositoryFacts } from "../../../archon/plan.js";
import type { RepoView } from "../../../forge/forge.js";
import type { FrameworkAdapter } from "../adapter.js";
import type { Analysis, Blueprint } from "../model.js";
import { formatJs } from "../source/format.js";
import { analyseJsTests, testFilePath } from "../tests/analyse-js-tests.js";
import { renderJsTests } from "../tests/render-js-tests.js";
import { testCases } from "../tests/test-cases.js";
import { analyseJs } from "./analyse-js.js";
import { findResource } from "./find-resource.js";
import { writeJsCode } from "./write-js-code.js";

export async function jsAdapter(repo: RepoView, facts: RepositoryFacts): Promise<Analysis<FrameworkAdapter>> {
  const analysed = await analyseJs(repo, facts);
  if (!analysed.ok) return analysed;
  const service = analysed.value;
  return {
    ok: true,
    value: {
      errorKey: service.errorKey,
      port: 3000,
      pathStyle: (path) => path,
      existing(names) {
        return { routes: service.routes, createFields: findResource(service, names)?.createFields ?? [], validationStatus: 400 };
      },
      writeCode: (bp) => writeJsCode(service, bp),
      async writeTests(bp: Blueprint) {
        const harness = await analyseJsTests(repo, facts, bp.names.plural);
        if (!harness.ok) return harness;
        const cases = testCases(bp);
        const text = renderJsTests(harness.value, cases, service.typescript);
        const modelTs = /\.[cm]?ts$/.test(harness.value.model);
        const resources = [...new Set(service.routes.map((r) => r.path.split("/")[1] ?? ""))].filter(Boolean);
        const base = bp.isNewResource ? bp.names.kebabPlural : `${bp.names.kebabPlural}-${bp.operations.map((op) => op.operation).join("-")}`;
        const modelName = harness.value.model.split("/").pop() ?? "";
        const path = testFilePath(harness.value.model, resources.find((r) => modelName.includes(r)), base, service.files);
        return {
          ok: true,
          value: {
            change: { action: "create", path, content: await formatJs(text, service.style, modelTs) },
            testNames: cases.map((c) => `${c.endpoint} ${c.name}`),
            model: harness.value.model,
          },
        };
      },
    },
  };
}
