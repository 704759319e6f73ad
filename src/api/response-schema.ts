import { z } from "zod";
import { DocumentKind } from "../kb/schema.js";
import { TaskStatus } from "./schema.js";

// Shapes of the answers, for the OpenAPI document; the views in task-view.ts and kb/document-view.ts build them.

const Timestamp = z.string().describe("ISO 8601 time");

export const TaskResponse = z.object({
  id: z.string(),
  repository: z.string(),
  projectId: z.string().nullable(),
  status: TaskStatus,
  source: z.enum(["issue", "api", "mcp", "cli"]),
  title: z.string(),
  description: z.string(),
  issueNumber: z.number().int().nullable(),
  requestedBy: z.string(),
  assignee: z.string().nullable(),
  branch: z.string().nullable(),
  pullRequest: z.object({ number: z.number().int(), url: z.string().nullable() }).nullable(),
  headSha: z.string().nullable(),
  fixAttempts: z.number().int(),
  spentUsd: z.number(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TaskEnvelope = z.object({ task: TaskResponse });

export const TaskPage = z.object({ tasks: z.array(TaskResponse), nextCursor: z.string().nullable() });

export const TaskDetailResponse = z.object({
  task: TaskResponse,
  plan: z
    .object({
      version: z.number().int(),
      summary: z.string(),
      createdAt: Timestamp,
      steps: z.array(
        z.object({
          position: z.number().int(),
          agent: z.string(),
          title: z.string(),
          status: z.string(),
          attempt: z.number().int(),
          dependsOn: z.array(z.number().int()),
          files: z.array(z.string()),
        }),
      ),
    })
    .nullable(),
  agentRuns: z.array(
    z.object({
      id: z.string(),
      agent: z.string(),
      provider: z.string(),
      model: z.string().nullable(),
      attempt: z.number().int(),
      outcome: z.string(),
      summary: z.string(),
      error: z.string().nullable(),
      tokensIn: z.number().int(),
      tokensOut: z.number().int(),
      costUsd: z.number(),
      startedAt: Timestamp,
      finishedAt: Timestamp.nullable(),
    }),
  ),
  ciResults: z.array(
    z.object({
      headSha: z.string(),
      source: z.string(),
      externalId: z.string(),
      conclusion: z.string(),
      passed: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
      failures: z.array(z.unknown()),
      url: z.string().nullable(),
      receivedAt: Timestamp,
    }),
  ),
});

export const DocumentResponse = z.object({
  id: z.string(),
  kind: DocumentKind,
  title: z.string(),
  body: z.string(),
  repository: z.string().nullable(),
  path: z.string().nullable(),
  sourceTaskId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const DocumentEnvelope = z.object({ document: DocumentResponse });

export const SearchResponse = z.object({
  query: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      kind: DocumentKind,
      title: z.string(),
      path: z.string().nullable(),
      repository: z.string().nullable(),
      rank: z.number(),
      titleHighlight: z.string().describe("the title with matched words wrapped in **"),
      snippet: z.string().describe("best passages of the body with matched words wrapped in **"),
      updatedAt: Timestamp,
    }),
  ),
  nextOffset: z.number().int().nullable(),
});
