import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { openAiOptionsFromConfig } from "../../../src/llm/openai/from-config.js";

describe("openAiOptionsFromConfig", () => {
  it("maps the environment and passes every secret the process holds for redaction", () => {
    const config = loadConfig({
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_API_KEY: "ollama-key-123",
      ARCHON_MODEL: "qwen2.5-coder:7b",
      ARCHON_LLM_TIMEOUT: "30",
      WEBHOOK_SECRET: "webhook-secret-456",
      APP_ID: "1",
      PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----",
    });
    expect(openAiOptionsFromConfig(config)).toEqual({
      baseUrl: "http://localhost:11434/v1",
      apiKey: "ollama-key-123",
      model: "qwen2.5-coder:7b",
      timeoutMs: 30_000,
      maxRetries: 3,
      secrets: ["-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----", "webhook-secret-456", "ollama-key-123"],
    });
  });
});
