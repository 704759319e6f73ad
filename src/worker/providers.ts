import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { Config } from "../config/load-config.js";
import type { BudgetSource } from "../llm/openai/budget.js";
import { createOpenAiProvider } from "../llm/openai/provider.js";
import { openAiOptionsFromConfig } from "../llm/openai/from-config.js";
import type { Provider } from "../llm/provider.js";
import { createTemplateProvider } from "../llm/template/template-provider.js";

/**
 * The provider for a task: the repository's choice, else the server's default. A model named in
 * the repository config overrides ARCHON_MODEL; the endpoint and key always come from the server.
 * The budget is a ledger to ask before every run (the worker's task row), or a fixed amount the
 * provider itself counts down (one local run).
 */
export function providerFor(config: Config, repoConfig: Pick<RepoConfig, "provider" | "model" | "agentMode">, budget?: BudgetSource): Provider {
  const name = repoConfig.provider ?? config.ARCHON_PROVIDER;
  if (name === "template") return createTemplateProvider();
  const options = openAiOptionsFromConfig(config);
  return createOpenAiProvider({ ...options, model: repoConfig.model ?? options.model, agentMode: repoConfig.agentMode, ...(budget === undefined ? {} : { budget }) });
}
