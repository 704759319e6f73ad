import { z } from "zod";

/** A token count as the endpoints send it; some local servers send null for unknown counts. */
const TokenCount = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((v) => v ?? 0);

/** `usage` of a chat completion. Local servers (llama.cpp, older Ollama) may leave it out. */
export const CompletionUsage = z.looseObject({
  prompt_tokens: TokenCount,
  completion_tokens: TokenCount,
});
export type CompletionUsage = z.infer<typeof CompletionUsage>;

/** A function call the model asks for; `arguments` is JSON text the model wrote (maybe broken). */
export const ToolCall = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish().transform((v) => v ?? "") }),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const ChatChoice = z.looseObject({
  index: z.number().int().optional(),
  message: z
    .looseObject({
      role: z.string().optional(),
      content: z.string().nullish(),
      /** Set instead of content when the model declines (OpenAI structured outputs). */
      refusal: z.string().nullish(),
      tool_calls: z.array(ToolCall).nullish(),
    })
    .optional(),
  /** stop | length | content_filter | tool_calls | null while streaming. */
  finish_reason: z.string().nullish(),
});
export type ChatChoice = z.infer<typeof ChatChoice>;

/** The `chat.completion` object, kept loose: every OpenAI-compatible server adds its own fields. */
export const ChatCompletion = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z.array(ChatChoice).default([]),
  usage: CompletionUsage.nullish(),
});
export type ChatCompletion = z.infer<typeof ChatCompletion>;

/** `{"error": {...}}`, as OpenAI, Azure and most compatible servers answer a failed request. */
export const ErrorBody = z.looseObject({
  error: z.union([
    z.looseObject({
      message: z.string().optional(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      param: z.string().nullish(),
    }),
    z.string(),
  ]),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A path inside the repository, as the model must write it. */
const RepoPath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith("/") && !/^[A-Za-z]:/.test(p) && !p.includes("\\"), {
    message: "must be a relative path with forward slashes",
  })
  .refine((p) => p.split("/").every((part) => part !== ".." && part !== "." && part !== ""), {
    message: "must not contain '.', '..' or empty segments",
  });

export const OutputChange = z
  .object({
    action: z.enum(["create", "modify", "delete"]),
    path: RepoPath,
    /** Whole new file content for create and modify; null for delete. */
    content: z.string().nullish(),
  })
  .superRefine((change, ctx) => {
    if (change.action !== "delete" && typeof change.content !== "string") {
      ctx.addIssue({ code: "custom", path: ["content"], message: `is required for ${change.action}` });
    }
  });
export type OutputChange = z.infer<typeof OutputChange>;

export const OutputDocument = z.object({
  kind: z.enum(["doc", "adr", "snippet"]),
  title: z.string().min(1).max(256),
  body: z.string(),
  path: RepoPath.nullish(),
});

export const OutputReport = z.object({
  /** One line for the status comment. */
  summary: z.string().trim().min(1).max(300),
  details: z.array(z.string()).default([]),
  testsAdded: z.array(z.string()).nullish(),
  documents: z.array(OutputDocument).nullish(),
});

/**
 * What the model must answer with. `requestFiles` lets it read more of the repository once before
 * it commits to changes; the structured-output JSON schema in `output-json-schema.ts` mirrors this.
 */
export const ModelOutput = z
  .object({
    requestFiles: z.array(RepoPath).nullish(),
    changes: z.array(OutputChange).default([]),
    report: OutputReport,
  })
  .superRefine((output, ctx) => {
    const seen = new Set<string>();
    output.changes.forEach((change, index) => {
      if (seen.has(change.path)) {
        ctx.addIssue({ code: "custom", path: ["changes", index, "path"], message: `${change.path} is changed twice; give one change per file` });
      }
      seen.add(change.path);
    });
  });
export type ModelOutput = z.infer<typeof ModelOutput>;

/** USD per million tokens. */
export const ModelPrice = z.object({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * Prices by model name or name prefix (`gpt-4o` also prices `gpt-4o-2024-08-06`); overrides the
 * built-in table, e.g. for an Azure deployment name or a negotiated rate.
 */
export const PriceTable = z.record(z.string().min(1), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;
