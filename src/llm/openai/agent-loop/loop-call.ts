import { type ChatTransport, postChatCompletion } from "../chat-client.js";
import type { Endpoint } from "../endpoint.js";
import type { LoopCall } from "./loop-types.js";

export interface LoopCallOptions {
  endpoint: Endpoint;
  transport: ChatTransport;
  model: string;
  /** OpenAI and Azure take `max_completion_tokens`; other servers `max_tokens`. */
  maxTokensField: "max_completion_tokens" | "max_tokens";
  temperature?: number | undefined;
}

/** The loop's model call: the conversation and the tools, through the retrying chat client. */
export function loopCall(options: LoopCallOptions): LoopCall {
  return (messages, tools, maxOutputTokens) => {
    const request: Record<string, unknown> = { model: options.model, messages, tools, tool_choice: "auto", [options.maxTokensField]: maxOutputTokens };
    if (options.temperature !== undefined) request.temperature = options.temperature;
    return postChatCompletion(options.endpoint, request, options.transport);
  };
}
