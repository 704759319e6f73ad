/** Where and how to send a chat completion request: OpenAI and look-alikes, or Azure OpenAI. */
export interface Endpoint {
  url: string;
  headers: Record<string, string>;
  azure: boolean;
}

export interface EndpointOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  /** Force Azure's shape (`api-key` header, `api-version` query) on a host we do not recognise. */
  azure?: boolean | { apiVersion?: string | undefined } | undefined;
}

/** GA version that supports `json_schema` structured outputs. */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

const AZURE_HOSTS = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

export function isAzureUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return AZURE_HOSTS.some((suffix) => host.endsWith(suffix));
  } catch {
    return false;
  }
}

function azureUrl(base: URL, model: string, apiVersion: string): string {
  const path = base.pathname.replace(/\/+$/, "");
  // The v1 API takes the model in the body and no api-version; the classic API names the
  // deployment in the path and requires api-version.
  if (/\/openai\/v1$/.test(path)) {
    base.pathname = `${path}/chat/completions`;
    return base.toString();
  }
  base.pathname = /\/openai\/deployments\/[^/]+$/.test(path)
    ? `${path}/chat/completions`
    : `${path}/openai/deployments/${encodeURIComponent(model)}/chat/completions`;
  base.searchParams.set("api-version", apiVersion);
  return base.toString();
}

export function buildEndpoint(options: EndpointOptions): Endpoint {
  const azure = options.azure === undefined ? isAzureUrl(options.baseUrl) : options.azure !== false;
  const base = new URL(options.baseUrl);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (azure) {
    const apiVersion =
      (typeof options.azure === "object" && options.azure.apiVersion) ||
      base.searchParams.get("api-version") ||
      DEFAULT_AZURE_API_VERSION;
    if (options.apiKey) headers["api-key"] = options.apiKey;
    return { url: azureUrl(base, options.model, apiVersion), headers, azure };
  }
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  base.pathname = `${base.pathname.replace(/\/+$/, "")}/chat/completions`;
  return { url: base.toString(), headers, azure };
}
