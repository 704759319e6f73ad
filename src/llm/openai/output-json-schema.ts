/**
 * The JSON schema sent as `response_format: { type: "json_schema", strict: true }`. Strict mode wants
 * every property required and no extra properties, so optional values are nullable instead.
 * It mirrors `ModelOutput` in schema.ts, which is what actually validates the answer.
 */
export const OUTPUT_SCHEMA_NAME = "archon_agent_output";

const nullableString = { type: ["string", "null"] } as const;
const stringArray = { type: "array", items: { type: "string" } } as const;

export const OUTPUT_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["requestFiles", "changes", "report"],
  properties: {
    requestFiles: {
      type: ["array", "null"],
      items: { type: "string" },
      description: "Paths to read before answering; leave changes empty when you ask for files.",
    },
    changes: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["action", "path", "content"],
        properties: {
          action: { type: "string", enum: ["create", "modify", "delete"] },
          path: { type: "string", description: "Relative to the repository root, forward slashes." },
          content: { ...nullableString, description: "The whole new file; null for delete." },
        },
      },
    },
    report: {
      type: "object",
      additionalProperties: false,
      required: ["summary", "details", "testsAdded", "documents"],
      properties: {
        summary: { type: "string", description: "One line: what this change does." },
        details: stringArray,
        testsAdded: { type: ["array", "null"], items: { type: "string" } },
        documents: {
          type: ["array", "null"],
          items: {
            type: "object",
            additionalProperties: false,
            required: ["kind", "title", "body", "path"],
            properties: {
              kind: { type: "string", enum: ["doc", "adr", "snippet"] },
              title: { type: "string" },
              body: { type: "string" },
              path: nullableString,
            },
          },
        },
      },
    },
  },
} as const;
