import type { AgentName } from "../domain/step.js";
import { type AreaRole, areaRole, guessCodeFiles, guessDocFiles, guessTestFiles } from "./expected-files.js";
import { findEndpoint, inferKind } from "./infer-kind.js";
import type { PlanDraft, PlannedStep, RepositoryFacts } from "../domain/plan.js";
import type { ChangeKind, TaskSpec } from "../domain/task-spec.js";

const AGENT_FOR: Record<AreaRole, AgentName> = {
  code: "CodeGenerationAgent",
  tests: "TestingAgent",
  docs: "DocumentationAgent",
};

/** Which agents a kind of change needs, in order; tests and docs build on the code. */
function rolesFor(kind: ChangeKind): AreaRole[] {
  if (kind === "docs") return ["docs"];
  if (kind === "tests") return ["tests"];
  return ["code", "tests", "docs"];
}

/**
 * The plan for a task: ordered steps, each with its agent, what it waits for and the files it is
 * expected to change. The files the requester named win over guesses from the repository layout;
 * they guide the agents but never widen what the guardrails allow.
 */
export function planTask(spec: TaskSpec, facts: RepositoryFacts, drafted?: DraftedFiles): PlanDraft {
  const kind = drafted ? "endpoint" : inferKind(spec);
  const endpoint = findEndpoint(spec);
  const resource = endpoint?.resource ?? slug(spec.title);
  const named = spec.areas.map((a) => a.trim().replace(/^\.?\//, "")).filter((a) => a !== "" && !a.includes(".."));
  const roles = rolesFor(kind);

  const steps: PlannedStep[] = roles.map((role, i) => {
    const mine = named.filter((area) => areaRole(area) === role);
    const guessed =
      role === "code"
        ? guessCodeFiles(facts, resource)
        : role === "tests"
          ? guessTestFiles(facts, resource)
          : guessDocFiles(facts, resource);
    const agent = AGENT_FOR[role];
    return {
      position: i + 1,
      agent,
      title: drafted ? draftedTitle(role, drafted.summary) : stepTitle(role, kind, spec, endpoint?.method, endpoint?.path),
      dependsOn: role !== "code" && roles[0] === "code" ? [1] : [],
      // A provider that read the repository knows the files; the plan lists exactly those.
      files: drafted ? (drafted.files[agent] ?? []) : mine.length > 0 ? mine : guessed,
    };
  });
  return { summary: summarise(spec, kind, facts, steps), steps, facts };
}

/** The files each agent will write and the endpoints they add, from a provider that read the repository first. */
export interface DraftedFiles {
  files: Partial<Record<AgentName, string[]>>;
  /** `GET /health, POST /todos`. */
  summary: string;
}

function draftedTitle(role: AreaRole, what: string): string {
  if (role === "code") return `Write the code for ${what}`;
  return role === "tests" ? `Test ${what}` : `Document ${what}`;
}

function stepTitle(role: AreaRole, kind: ChangeKind, spec: TaskSpec, method?: string, path?: string): string {
  // A docs-only or tests-only task is one step: the issue's own title says it best.
  if (kind === "docs" || kind === "tests") return spec.title;
  const what = method && path ? `${method} ${path}` : spec.title;
  if (role === "code") return kind === "fix" ? `Fix: ${what}` : `Write the code for ${what}`;
  return role === "tests" ? `Test ${what}` : `Document ${what}`;
}

const NAMES: Record<string, string> = {
  javascript: "JavaScript",
  typescript: "TypeScript",
  python: "Python",
  express: "Express",
  fastify: "Fastify",
  fastapi: "FastAPI",
};

const DOES: Record<AgentName, string> = {
  CodeGenerationAgent: "CodeGenerationAgent writes the code",
  TestingAgent: "TestingAgent writes the tests",
  DocumentationAgent: "DocumentationAgent writes the docs",
};

function summarise(spec: TaskSpec, kind: ChangeKind, facts: RepositoryFacts, steps: PlannedStep[]): string {
  const article = kind === "endpoint" ? "An" : "A";
  const described = [facts.framework, facts.language].filter((n) => n !== "unknown").map((n) => NAMES[n] ?? n);
  const where = described.length > 0 ? `this ${described.join(" ")} repository` : "this repository";
  const [first, ...rest] = steps.map((s) => DOES[s.agent]);
  const work = rest.length === 0 ? `The ${first}` : `The ${first}, then the ${rest.join(" and the ")}`;
  const files = [...new Set(steps.flatMap((s) => s.files))].map((f) => `\`${f}\``).join(", ");
  const count = spec.acceptanceCriteria.length;
  const criteria =
    count === 0
      ? ""
      : count === 1
        ? " The tests check the acceptance criterion."
        : ` The tests check the ${count} acceptance criteria.`;
  const testing = facts.testCommand ? ` CI runs \`${facts.testCommand}\`.` : "";
  return `${article} ${kind} change in ${where}. ${work},${rest.length === 0 ? "" : " all"} in one pull request. Files expected to change: ${files}.${criteria}${testing}`;
}

// Words that say what to do rather than what the thing is: a file name without them reads better.
const FILLER = new Set(
  "add a an the to for new of and fix update write docs tests support implement allow make".split(" "),
);

function slug(title: string): string {
  const words = (title.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !FILLER.has(w));
  return (words.slice(0, 3).join("-") || "change").slice(0, 40);
}
