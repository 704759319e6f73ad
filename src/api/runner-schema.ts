import { z } from "zod";

// Generous next to the guardrails' limits (40 files, 256 KiB a file, 1 MiB in all), so the
// guardrails, not the schema, tell a runner which file broke which rule.
const MAX_CHANGES = 200;
const MAX_CONTENT_CHARS = 1024 * 1024;
const MAX_PATH_CHARS = 1024;
const MAX_TEXT_CHARS = 65_536;
// The runner sends only the end of its test output: where the failures are summed up.
const MAX_OUTPUT_TAIL_CHARS = 16_384;

const ChangePath = z.string().min(1).max(MAX_PATH_CHARS);

/** One file of the change set, as src/domain/forge.ts FileChange. */
export const RunnerFileChange = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["create", "modify"]), path: ChangePath, content: z.string().max(MAX_CONTENT_CHARS) }).strict(),
  z.object({ action: z.literal("delete"), path: ChangePath }).strict(),
]);

/** What the agent did, as src/domain/agent.ts AgentReport. */
export const RunnerAgentReport = z
  .object({
    /** One line for the status comment and the PR's plan section. */
    summary: z.string().trim().min(1).max(500),
    /** What was done and why, for the PR body. */
    details: z.array(z.string().max(MAX_TEXT_CHARS)).max(100),
    documents: z
      .array(
        z
          .object({
            kind: z.enum(["doc", "adr", "snippet"]),
            title: z.string().trim().min(1).max(256),
            body: z.string().max(MAX_TEXT_CHARS),
            path: z.string().min(1).max(MAX_PATH_CHARS).optional(),
          })
          .strict(),
      )
      .max(20)
      .optional(),
    testsAdded: z.array(z.string().max(1000)).max(500).optional(),
  })
  .strict();

/** Tokens and spend of the attempt, as src/domain/agent.ts Usage. */
export const RunnerUsage = z
  .object({
    tokensIn: z.number().int().min(0),
    tokensOut: z.number().int().min(0),
    costUsd: z.number().min(0).max(10_000),
  })
  .strict();

/** The runner's own test run, when it ran one. */
export const RunnerTests = z
  .object({
    passed: z.number().int().min(0),
    failed: z.number().int().min(0),
    outputTail: z.string().max(MAX_OUTPUT_TAIL_CHARS).default(""),
  })
  .strict();

/** What the Actions runner sends back at the end of one agent attempt. */
export const RunnerReportBody = z
  .object({
    changes: z.array(RunnerFileChange).max(MAX_CHANGES),
    report: RunnerAgentReport,
    usage: RunnerUsage,
    tests: RunnerTests.optional(),
  })
  .strict();
export type RunnerReportBody = z.infer<typeof RunnerReportBody>;

export const RunnerReportAccepted = z.object({ accepted: z.literal(true), runKey: z.string() });
export const RunnerReportIgnored = z.object({ accepted: z.literal(false), reason: z.literal("already reported") });
