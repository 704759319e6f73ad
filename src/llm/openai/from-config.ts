import type { Config } from "../../config/load-config.js";
import type { OpenAiProviderOptions } from "./provider.js";

/** Retries after the first request; with backoff this bounds one call to well under a minute of waiting. */
const DEFAULT_MAX_RETRIES = 3;

/**
 * Provider options from the process configuration. Every secret the process holds is passed on,
 * so none of them can reach a prompt even if it turns up in a repository file or an issue.
 */
export function openAiOptionsFromConfig(config: Config): OpenAiProviderOptions {
  const secrets = [config.privateKey, config.WEBHOOK_SECRET, config.ARCHON_JWT_SECRET, config.OPENAI_API_KEY].filter(
    (s): s is string => s !== undefined,
  );
  return {
    baseUrl: config.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    apiKey: config.OPENAI_API_KEY,
    model: config.ARCHON_MODEL,
    timeoutMs: config.ARCHON_LLM_TIMEOUT * 1000,
    maxRetries: DEFAULT_MAX_RETRIES,
    secrets,
  };
}
