import type { ChatTransport } from "./chat-client.js";
import type { OpenAiProviderOptions } from "./provider.js";

/** The transport for chat calls: the options' fetch, clock and retries, or the real ones. */
export function chatTransport(options: OpenAiProviderOptions, secrets: string[]): ChatTransport {
  return {
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: Date.now,
    timeoutMs: options.timeoutMs,
    maxRetries: Math.max(0, Math.floor(options.maxRetries)),
    backoff: options.backoff,
    secrets,
  };
}
