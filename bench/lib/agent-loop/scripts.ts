import type { ScriptedReply, ScriptedRequest } from "../../../test/support/scripted-model.js";
import { lastToolResult } from "../../../test/support/scripted-model.js";
import { type BenchTask, routesAfter } from "./tasks.js";

export type AgentMode = "loop" | "single-shot";
type Turn = (request: ScriptedRequest) => ScriptedReply;
/** Each agent's turns, in order; past the last, the last answers again. */
export type AgentScripts = Record<string, Turn[]>;

const call = (name: string, args: Record<string, unknown> = {}): ScriptedReply => ({ tools: [{ name, args }] });
const passed = (request: ScriptedRequest) => /exit code 0/.test(lastToolResult(request));

/**
 * What a competent model does with tools: look around, read the file, write the route and its test,
 * run the tests, fix what fails, finish; the testing agent checks, the documentation agent writes.
 */
function loopScripts(task: BenchTask): AgentScripts {
  const routes = routesAfter(task);
  const write = task.broken ?? task.route;
  const afterTests: Turn[] = task.broken
    ? [(r) => (passed(r) ? call("finish", { summary: task.title }) : call("edit_file", { path: routes.path, ...task.route })), () => call("run_tests")]
    : [];
  return {
    CodeGenerationAgent: [
      () => call("list_files"),
      () => call("read_file", { path: routes.path }),
      () => ({ tools: [{ name: "edit_file", args: { path: routes.path, ...write } }, { name: "write_file", args: { path: task.test.path, content: task.test.content } }] }),
      () => call("run_tests"),
      ...afterTests,
      (r) => (passed(r) ? call("finish", { summary: task.title }) : { content: "the tests still fail" }),
    ],
    TestingAgent: [() => call("run_tests"), (r) => call("finish", { summary: `Tests for ${task.title} pass: ${passed(r)}`, testsAdded: task.test.names })],
    DocumentationAgent: [() => call("read_file", { path: "README.md" }), () => call("write_file", task.doc), () => call("finish", { summary: `Document ${task.title}` })],
  };
}

function answer(summary: string, changes: { action: string; path: string; content: string }[], testsAdded?: string[]): ScriptedReply {
  return { content: JSON.stringify({ changes, report: { summary, details: [], ...(testsAdded ? { testsAdded } : {}) } }) };
}

/** One JSON answer per agent; a task with a failing first version gets its fix in the next round. */
function singleShotScripts(task: BenchTask): AgentScripts {
  const routes = routesAfter(task);
  const code = (content: string) => answer(task.title, [{ action: "modify", path: routes.path, content }, { action: "create", path: task.test.path, content: task.test.content }], task.test.names);
  return {
    CodeGenerationAgent: task.broken ? [() => code(routes.first), () => answer(`Fix: ${task.title}`, [{ action: "modify", path: routes.path, content: routes.final }])] : [() => code(routes.final)],
    TestingAgent: [() => answer(`The tests for ${task.title} are in place`, [], task.test.names)],
    DocumentationAgent: [() => answer(`Document ${task.title}`, [{ action: "create", ...task.doc }])],
  };
}

export function scriptsFor(task: BenchTask, mode: AgentMode): AgentScripts {
  return mode === "loop" ? loopScripts(task) : singleShotScripts(task);
}

/** The agent a request is for, from the first line of its system prompt. */
export function agentOf(request: ScriptedRequest): string {
  return /You are Archon's (\w+)\./.exec(request.messages[0]?.content ?? "")?.[1] ?? "?";
}
