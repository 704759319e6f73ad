import { describe, expect, it } from "vitest";
import { agentLoopRows, countToolCalls, lastOfConversations, testsBeforeCommit } from "../../bench/lib/agent-loop/report.js";
import { scriptsFor } from "../../bench/lib/agent-loop/scripts.js";
import { TASKS, routesAfter } from "../../bench/lib/agent-loop/tasks.js";
import { ModelOutput } from "../../src/llm/openai/schema.js";
import type { ScriptedRequest } from "../support/scripted-model.js";

type Message = ScriptedRequest["messages"][number];
const system = (agent: string): Message => ({ role: "system", content: `You are Archon's ${agent}. Write code.` });
const ran = (id: string, name: string): Message => ({ role: "assistant", content: null, tool_calls: [{ id, function: { name, arguments: "{}" } }] });
const result = (id: string, content: string): Message => ({ role: "tool", tool_call_id: id, content });
const request = (...messages: Message[]): ScriptedRequest => ({ model: "m", messages });

describe("agent-loop report", () => {
  it("counts tool calls by name, sorted, and skips plain answers", () => {
    const replies = [{ tools: [{ name: "run_tests", args: {} }, { name: "edit_file", args: {} }] }, { content: "{}" }, { tools: [{ name: "run_tests", args: {} }] }];
    expect(countToolCalls(replies)).toEqual({ edit_file: 1, run_tests: 2 });
  });

  it("takes each conversation's last request and judges the last test run of each", () => {
    const code = [request(system("CodeGenerationAgent")), request(system("CodeGenerationAgent"), ran("a", "run_tests"), result("a", "exit code 1\n4 passed, 1 failed"))];
    const fixed = request(...code[1]!.messages, ran("b", "run_tests"), result("b", "exit code 0\n5 passed, 0 failed"));
    const docs = [request(system("DocumentationAgent")), request(system("DocumentationAgent"), ran("c", "write_file"), result("c", "exit code 1"))];
    expect(lastOfConversations([...code, fixed, ...docs])).toEqual([fixed, docs[1]]);
    expect(testsBeforeCommit([fixed, docs[1]!])).toBe("passed");
    expect(testsBeforeCommit([code[1]!])).toBe("failed");
    expect(testsBeforeCommit([docs[1]!])).toBe("not run");
  });

  it("prints two rows per task and mode, the tests before the commit only for the loop", () => {
    const base = { task: "get-by-id", turns: 10, toolCalls: { finish: 3, run_tests: 2 }, tokensIn: 24_144, tokensOut: 484, wallMs: 24_400, cpuMs: 5_100, testsBeforeCommit: "passed", status: "ready_for_review", outcome: "passed" } as const;
    expect(agentLoopRows([{ ...base, mode: "loop" }, { ...base, mode: "single-shot", turns: 3, toolCalls: {} }]).map((r) => `${r.metric}: ${r.archon}`)).toEqual([
      "get-by-id, loop: turns, tool calls: 10 turns; finish 3, run_tests 2",
      "get-by-id, loop: tokens, time, end: 24,144 in / 484 out; wall 24.4 s, CPU 5.1 s; tests before commit passed; ready_for_review (passed)",
      "get-by-id, single-shot: turns, tool calls: 3 turns; none",
      "get-by-id, single-shot: tokens, time, end: 24,144 in / 484 out; wall 24.4 s, CPU 5.1 s; ready_for_review (passed)",
    ]);
  });
});

describe.each(TASKS)("the scripts of $name", (task) => {
  it("edit the routes file where its text is, and end fixed", () => {
    const routes = routesAfter(task);
    expect(routes.final).toContain(task.route.newText);
    expect(routes.first === routes.final).toBe(task.broken === undefined);
  });

  it("answer single-shot with output the provider accepts", () => {
    const scripts = scriptsFor(task, "single-shot");
    for (const turns of Object.values(scripts)) {
      for (const turn of turns) {
        const reply = turn(request(system("CodeGenerationAgent")));
        expect("content" in reply && ModelOutput.safeParse(JSON.parse(reply.content!)).success).toBe(true);
      }
    }
  });
});
