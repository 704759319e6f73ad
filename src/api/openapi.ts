import { z } from "zod";
import { DocumentEnvelope, SearchResponse, TaskDetailResponse, TaskEnvelope, TaskPage } from "./response-schema.js";
import { RunnerReportAccepted, RunnerReportBody, RunnerReportIgnored } from "./runner-schema.js";
import { CreateTaskBody, DocumentSearchQuery, ErrorBody, NewDocument, RetryBody, TaskListQuery } from "./schema.js";

type JsonSchema = Record<string, unknown>;

function schema(type: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(type, { io, unrepresentable: "any" }) as JsonSchema;
  return json;
}

function json(type: z.ZodType, description: string) {
  return { description, content: { "application/json": { schema: schema(type) } } };
}

function body(type: z.ZodType, required = true) {
  return { required, content: { "application/json": { schema: schema(type, "input") } } };
}

/** Query parameters from a zod object, one per property. */
function queryParameters(type: z.ZodObject): JsonSchema[] {
  const json = schema(type, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } };

const errors = {
  "401": { $ref: "#/components/responses/Unauthorized" },
  "404": { $ref: "#/components/responses/NotFound" },
  "503": { $ref: "#/components/responses/Unavailable" },
};
const badRequest = { "400": { $ref: "#/components/responses/BadRequest" } };
const conflict = { "409": { $ref: "#/components/responses/Conflict" } };

function command(summary: string, extra: JsonSchema = {}) {
  return {
    post: {
      summary,
      tags: ["tasks"],
      parameters: [idParameter],
      ...extra,
      responses: { "200": json(TaskEnvelope, "The task after the command"), ...errors, ...conflict, ...badRequest },
    },
  };
}

/** The task routes: create, list, read, and the approve, retry and cancel commands. */
function taskPaths(): JsonSchema {
  return {
    "/api/tasks": {
      post: {
        summary: "Create a task on a repository of the token's installation",
        tags: ["tasks"],
        requestBody: body(CreateTaskBody),
        responses: { "201": json(TaskEnvelope, "The task, status received"), ...errors, ...badRequest },
      },
      get: {
        summary: "List tasks, newest first",
        tags: ["tasks"],
        parameters: queryParameters(TaskListQuery),
        responses: { "200": json(TaskPage, "A page of tasks; pass nextCursor as cursor for the next"), ...errors, ...badRequest },
      },
    },
    "/api/tasks/{id}": {
      get: {
        summary: "One task with its latest plan and steps, agent runs, pull request and CI results",
        tags: ["tasks"],
        parameters: [idParameter],
        responses: { "200": json(TaskDetailResponse, "The task"), ...errors },
      },
    },
    "/api/tasks/{id}/approve": command("Approve the plan of a task awaiting approval"),
    "/api/tasks/{id}/retry": command("Run a failed task again, from its failed step or the given one", {
      requestBody: body(RetryBody, false),
    }),
    "/api/tasks/{id}/cancel": command("Cancel a task that has not finished"),
  };
}

/** The knowledge-base routes: search, add and read documents. */
function knowledgePaths(): JsonSchema {
  return {
    "/api/knowledge/search": {
      get: {
        summary: "Full-text search of the knowledge base (web-search syntax: words, \"phrases\", OR, -word)",
        tags: ["knowledge"],
        parameters: queryParameters(DocumentSearchQuery),
        responses: { "200": json(SearchResponse, "Matches, best first"), ...errors, ...badRequest },
      },
    },
    "/api/knowledge": {
      post: {
        summary: "Add a document to the knowledge base",
        tags: ["knowledge"],
        requestBody: body(NewDocument),
        responses: { "201": json(DocumentEnvelope, "The document"), ...errors, ...badRequest },
      },
    },
    "/api/knowledge/{id}": {
      get: {
        summary: "One document",
        tags: ["knowledge"],
        parameters: [idParameter],
        responses: { "200": json(DocumentEnvelope, "The document"), ...errors },
      },
    },
  };
}

/** The runner route: an agent attempt's report from the target repository's Actions runner. */
function runnerPaths(): JsonSchema {
  return {
    "/api/runner/reports": {
      post: {
        summary: "Report one agent attempt from the repository's Actions runner (runner token only)",
        description:
          "Takes a bearer token of audience archon-runner, made by Archon for one task and attempt. The change set passes the guardrails under the task's repository config or nothing is stored; a second report for the same attempt changes nothing.",
        tags: ["runner"],
        requestBody: body(RunnerReportBody),
        responses: {
          "202": json(RunnerReportAccepted, "The report is stored"),
          "200": json(RunnerReportIgnored, "The attempt was reported already; nothing changed"),
          "401": { $ref: "#/components/responses/Unauthorized" },
          "409": json(ErrorBody, "The token's task does not exist or is over"),
          "413": { $ref: "#/components/responses/PayloadTooLarge" },
          "422": json(ErrorBody, "invalid_report: details name each bad field; guardrail_violation: details name each path and the rule it broke"),
          "503": { $ref: "#/components/responses/Unavailable" },
        },
      },
    },
  };
}

/** The bearer scheme, the error schema and the shared error responses the paths refer to. */
function components(): JsonSchema {
  const error = (description: string) => json(ErrorBody, description);
  return {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    schemas: { Error: schema(ErrorBody) },
    responses: {
      BadRequest: error("The body or query is invalid; details name each bad field"),
      Unauthorized: error("Missing, malformed, expired, tampered or wrong-audience token"),
      NotFound: error("No such resource in the token's scope"),
      Conflict: error("The task's state does not allow this command"),
      Unavailable: error("Tokens are not configured on this server"),
      PayloadTooLarge: error("The body is larger than the route takes"),
    },
  };
}

/** The OpenAPI 3.1 description of `/api`, derived from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl = "/"): JsonSchema {
  return {
    openapi: "3.1.0",
    info: {
      title: "Archon API",
      version: "1.0.0",
      description:
        "Create and track Archon tasks and search the knowledge base. Every route but `/api/runner/reports` takes a bearer token made with `archon token create --audience archon-api`; a token sees only its installation (and repositories, when limited). `/api/runner/reports` takes only a runner token, which Archon makes for one task and attempt.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [{ name: "tasks" }, { name: "knowledge" }, { name: "runner" }],
    paths: {
      ...taskPaths(),
      ...knowledgePaths(),
      ...runnerPaths(),
      "/api/openapi.json": {
        get: {
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": {} } } },
        },
      },
    },
    components: components(),
  };
}
