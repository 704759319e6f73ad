import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Failure } from "../domain/result.js";

export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}

/** A failure the model can read and act on; not_found also stands for "not in your scope". */
export function errorResult(failure: Failure): CallToolResult {
  const details = failure.details ? ` (${Object.entries(failure.details).map(([k, v]) => `${k}: ${v}`).join("; ")})` : "";
  return { isError: true, content: [{ type: "text", text: `${failure.code}: ${failure.message}${details}` }] };
}
