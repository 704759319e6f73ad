import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TaskSpec } from "../../src/domain/task-spec.js";
import type { Understanding } from "../../src/understand/spec.js";
import { understandTask } from "../../src/understand/understand-task.js";

const METHOD = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "get", "Post", "HEAD");
const SEGMENT = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
  fc.constantFrom(":id", "{id}", "<id>", ":sides", "{note_id}", "<int:n>", "*", "count", "", "..", "v1", "api"),
  fc.string({ maxLength: 6 }),
);
const PATH = fc.array(SEGMENT, { maxLength: 4 }).map((s) => `/${s.join("/")}`);
const STATUS = fc.constantFrom("", " (201)", " → `204`", ", 200, or 404", " answers `400` when `title` is missing", " 422");
const ENDPOINT = fc.tuple(METHOD, PATH, STATUS, fc.boolean()).map(([m, p, s, code]) => (code ? `\`${m} ${p}\`${s}` : `${m} ${p}${s}`));
const WORDS = fc.constantFrom(
  "Add a CRUD resource for books with title and author.",
  "`name` and `email` are required, `phone` is optional.",
  "Relative to `/api/v1/things`:",
  "Unknown id → 404.",
  "`rating` is an integer from 1 to 5 and defaults to 3.",
  "Bearer token required, same as the others.",
  "Keep it in memory like the notes.",
  "Errors keep the usual shape, e.g. `{ \"statusCode\": 404 }`.",
  "A note is `{ id: string, title: string }`.",
);
const JSON_BLOCK = fc.json({ maxDepth: 2 }).map((j) => `\`\`\`json\n${j}\n\`\`\``);
const PIECE = fc.oneof(
  ENDPOINT.map((e) => `- ${e}`),
  ENDPOINT,
  WORDS,
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.string({ maxLength: 20 })).map(([n, t]) => `${"#".repeat(n)} ${t}`),
  fc.tuple(ENDPOINT, ENDPOINT).map(([a, b]) => `| method | path | result |\n|---|---|---|\n| ${a.replace(/`/g, "").replace(" ", " | ")} |\n| ${b.replace(/`/g, "")} | x |`),
  JSON_BLOCK,
  fc.string({ maxLength: 40 }),
  fc.constantFrom("```ts\ninterface X { a?: number; b: string | null }\n```", "```python\nclass X(BaseModel):\n    a: Optional[str] = None\n```", "> > > - - 1. deep"),
);
const MARKDOWN = fc.array(PIECE, { maxLength: 8 }).map((pieces) => pieces.join("\n\n"));

function spec(title: string, description: string, acceptanceCriteria: string[] = []): TaskSpec {
  return { title, description, acceptanceCriteria, areas: [] };
}

/** One sentence: ends with a full stop, no line break, no sentence break outside inline code. */
function isOneSentence(text: string): boolean {
  const outsideCode = text.replace(/`[^`]*`/g, "x");
  return text.length > 1 && text.endsWith(".") && !text.includes("\n") && !/[.!?]\s+[A-Z]/.test(outsideCode.slice(0, -1));
}

function wellFormed(result: Understanding): boolean {
  if (!result.ok) return isOneSentence(result.missing.reason) && result.missing.add.trim().length > 0;
  return (
    result.task.endpoints.length > 0 &&
    result.task.endpoints.every((e) => {
      const names = e.path.split("/").filter((s) => s.startsWith(":")).map((s) => s.slice(1));
      return e.path.startsWith("/") && JSON.stringify(e.params.map((p) => p.name)) === JSON.stringify(names);
    })
  );
}

describe("understandTask on any input", () => {
  it("never throws on arbitrary strings and answers well-formed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 400 }), fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }), (title, body, criteria) => {
        expect(wellFormed(understandTask(spec(title, body, criteria)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on markdown built from issue pieces and answers well-formed", () => {
    fc.assert(
      fc.property(fc.oneof(ENDPOINT, fc.string({ maxLength: 40 })), MARKDOWN, fc.array(ENDPOINT, { maxLength: 2 }), (title, body, criteria) => {
        expect(wellFormed(understandTask(spec(title, body, criteria)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["a 100 KB body", "x".repeat(50) + "\n\n" + "Some `code` and [a link](x) and **bold** words here.\n\n".repeat(1_800)],
    ["deep nesting", `${"> ".repeat(5_000)}- GET /health`],
    ["deep lists", `${"- ".repeat(3_000)}x`],
    ["unbalanced braces", `GET /x returns ${"{".repeat(20_000)}`],
    ["many endpoints", Array.from({ length: 600 }, (_, i) => `- \`GET /r${i}/:id\``).join("\n")],
    ["unicode", "Ajoute `GET /santé` 😀 → `{ \"ok\": true }` ‮ \u0000 \uFFFF"],
    ["a huge code block", `\`\`\`json\n{ "a": "${"x".repeat(30_000)}" }\n\`\`\``],
  ])("stays well-formed and quick on %s", (_name, body) => {
    const started = Date.now();
    const result = understandTask(spec("Add GET /health", body));
    expect(wellFormed(result)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("answers for input that breaks the schema's own limits", () => {
    const odd = { title: "", description: "", acceptanceCriteria: [] as string[], areas: [] as string[] };
    expect(wellFormed(understandTask(odd))).toBe(true);
    expect(wellFormed(understandTask({ ...odd, title: undefined as unknown as string, description: null as unknown as string }))).toBe(true);
  });
});
