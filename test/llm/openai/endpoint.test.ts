import { describe, expect, it } from "vitest";
import { buildEndpoint } from "../../../src/llm/openai/endpoint.js";

describe("buildEndpoint", () => {
  it.each([
    ["OpenAI", "https://api.openai.com/v1", undefined, "https://api.openai.com/v1/chat/completions"],
    ["Ollama", "http://localhost:11434/v1/", undefined, "http://localhost:11434/v1/chat/completions"],
    ["vLLM", "http://10.0.0.5:8000/v1", undefined, "http://10.0.0.5:8000/v1/chat/completions"],
    [
      "an Azure deployment URL",
      "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod",
      undefined,
      "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21",
    ],
    [
      "an Azure resource URL (deployment from the model name)",
      "https://contoso.openai.azure.com",
      undefined,
      "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
    ],
    ["the Azure v1 API", "https://contoso.openai.azure.com/openai/v1", undefined, "https://contoso.openai.azure.com/openai/v1/chat/completions"],
    [
      "Azure forced on a proxy, with its own version",
      "https://llm-gateway.internal/openai/deployments/gpt4o",
      { apiVersion: "2025-01-01-preview" },
      "https://llm-gateway.internal/openai/deployments/gpt4o/chat/completions?api-version=2025-01-01-preview",
    ],
  ])("%s", (_name, baseUrl, azure, url) => {
    expect(buildEndpoint({ baseUrl, apiKey: "k-123", model: "gpt-4o", azure }).url).toBe(url);
  });

  it("sends the key as a bearer token to OpenAI and as api-key to Azure", () => {
    const openai = buildEndpoint({ baseUrl: "https://api.openai.com/v1", apiKey: "k-123", model: "gpt-4o" });
    expect(openai.headers).toMatchObject({ authorization: "Bearer k-123" });
    expect(openai.headers["api-key"]).toBeUndefined();
    const azure = buildEndpoint({ baseUrl: "https://contoso.openai.azure.com", apiKey: "k-123", model: "gpt-4o" });
    expect(azure.headers).toMatchObject({ "api-key": "k-123" });
    expect(azure.headers.authorization).toBeUndefined();
  });

  it("sends no credentials to a local server without a key", () => {
    const local = buildEndpoint({ baseUrl: "http://localhost:8080/v1", model: "llama" });
    expect(Object.keys(local.headers).sort()).toEqual(["accept", "content-type"]);
  });
});
