import { describe, expect, it } from "vitest";
import { declineReason, firstSentences } from "../../bench/lib/agent-bench/decline-reason.js";

const UNSUPPORTED = `- Reading /tmp/w/js-e2e-express-server/greeting-endpoint/repo at main (4d9352b)
[!!] Task 1: failed
  \`GET /api/greeting\` is not a plain REST route on a resource (list, get by id, create, update, delete). The built-in template provider writes REST endpoints and CRUD resources for Express, Fastify and FastAPI repositories, and nothing else. To have a model do it, configure one: set ARCHON_PROVIDER=openai.

`;

const AGENT_FAILED = `Plan
  An endpoint change.

  1. CodeGenerationAgent: Write the code for PUT /shortener/:id
- Reading /tmp/w/express-poc/shortener-update/repo at main (532226c)
- Running 3 step(s) with the template provider
  … CodeGenerationAgent: Write the code for PUT /shortener/:id
  [!!] CodeGenerationAgent: failed: the task does not say which fields a shortener has
\u001b[31m✖\u001b[0m Task 4: failed
  CodeGenerationAgent could not do "Write the code for PUT /shortener/:id": the task does not say which fields a shortener has.
`;

const BAD_CONFIG = `[!!] Task 2: failed
  The repository's config is invalid:
    - maxFixAttempts: expected a number
`;

const CRASH = `file:///work/dist/archon.mjs:120
    throw new Error("database is locked");
          ^

Error: database is locked
    at open (file:///work/dist/archon.mjs:120:11)

Node.js v20.20.2
`;

describe("declineReason", () => {
  it.each<[string, string, number | null, string]>([
    [
      "the summary's message, cut to its first sentence",
      UNSUPPORTED,
      2,
      "`GET /api/greeting` is not a plain REST route on a resource (list, get by id, create, update, delete).",
    ],
    [
      "the summary after progress lines, colours stripped",
      AGENT_FAILED,
      1,
      'CodeGenerationAgent could not do "Write the code for PUT /shortener/:id": the task does not say which fields a shortener has.',
    ],
    ["a message over several lines", BAD_CONFIG, 2, "The repository's config is invalid: - maxFixAttempts: expected a number"],
    ["a refused invocation: its last line", "Archon shows the plan and asks before it writes anything, but there is no terminal to ask on. Pass --yes to approve the plan up front.\n", 2, "Archon shows the plan and asks before it writes anything, but there is no terminal to ask on."],
    ["a short first sentence with the next", "[!!] Task 9: failed\n  No branch was made. The repository has no commits yet. Commit something first.\n", 1, "No branch was made. The repository has no commits yet."],
    ["a crash: the error line", CRASH, 1, "Error: database is locked"],
    ["run.sh's time limit", "- Reading /tmp/w/repo at main (4d9352b)\n", 124, "stopped by run.sh's 30-minute limit before it reported (exit 124)"],
    ["nothing printed", "", 137, "no output (exit 137)"],
  ])("%s", (_name, log, exitCode, expected) => {
    expect(declineReason(log, exitCode)).toBe(expected);
  });
});

describe("firstSentences", () => {
  const long = "This first sentence is long enough to say on its own why the task got no branch at all.";
  it.each<[string, string]>([
    ["One. Two. Three.", "One. Two."],
    [`${long} Advice. More.`, long],
    ["Install it (e.g. `npm install -g pnpm`). Then run it. Done.", "Install it (e.g. `npm install -g pnpm`). Then run it."],
    ["Reads app.js. `GET /x` is missing. More.", "Reads app.js. `GET /x` is missing."],
    ["No full stop at all", "No full stop at all"],
  ])("%j", (text, expected) => {
    expect(firstSentences(text)).toBe(expected);
  });

  it("cuts a sentence past 400 characters", () => {
    const cut = firstSentences(`${"word ".repeat(200)}end.`);
    expect(cut).toHaveLength(400);
    expect(cut.endsWith("…")).toBe(true);
  });
});
