import type { Workspace } from "../../../domain/workspace.js";
import { parseTestOutput } from "../../../testing/parse-test-output.js";
import { clipText, type ToolOutput, toolError } from "./tool-output.js";

/** The end of a run's output is where runners print failures and counts. */
const OUTPUT_TAIL_CHARS = 6_000;
const FAILURES_SHOWN = 20;
const FAILURE_CHARS = 1_000;

function exitLine(exitCode: number | null, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s and was stopped`;
  return `exit code ${exitCode ?? "none"}`;
}

/** `run_tests`: the repository's test command, its exit code, the failures read from its output and the output's end. */
export async function runTests(workspace: Workspace, timeoutMs: number, signal?: AbortSignal): Promise<ToolOutput> {
  const command = workspace.testCommand;
  if (!command) return toolError("run_tests", "this repository has no test command (no testCommand in .github/archon.yml and no test script)");
  const run = await workspace.run(command, { timeoutMs, signal });
  // Runners print absolute paths; the model knows files by their path in the repository.
  const output = run.output.split(`${workspace.root}/`).join("");
  const parsed = parseTestOutput(output);
  const lines = [`$ ${command}`, exitLine(run.exitCode, run.timedOut, timeoutMs)];
  if (parsed) lines.push(`${parsed.passed} passed, ${parsed.failed} failed, ${parsed.skipped} skipped (${parsed.runner})`);
  const failures = parsed?.failures ?? [];
  if (failures.length > 0) {
    lines.push("", "Failures:");
    for (const f of failures.slice(0, FAILURES_SHOWN)) {
      const where = f.file ? ` (${f.file}${f.line === undefined ? "" : `:${f.line}`})` : "";
      lines.push(`- ${f.name}${where}`, clipText(f.message, FAILURE_CHARS));
    }
    if (failures.length > FAILURES_SHOWN) lines.push(`[… ${failures.length - FAILURES_SHOWN} more failures left out]`);
  }
  lines.push("", "Output (end):", clipText(output, OUTPUT_TAIL_CHARS, "end"));
  const verdict = run.exitCode === 0 ? "passed" : parsed ? `${parsed.failed} failed` : exitLine(run.exitCode, run.timedOut, timeoutMs);
  return { content: lines.join("\n"), summary: `run_tests: ${verdict}` };
}

/** `run_command`: one of the repository's allowed commands, by name; anything else is refused. */
export async function runNamedCommand(workspace: Workspace, name: string, timeoutMs: number, signal?: AbortSignal): Promise<ToolOutput> {
  const command = workspace.commands[name];
  const allowed = Object.keys(workspace.commands);
  if (command === undefined || !Object.hasOwn(workspace.commands, name)) {
    const list = allowed.length > 0 ? `the allowed commands are: ${allowed.join(", ")}` : "this repository allows no commands (commands in .github/archon.yml)";
    return toolError("run_command", `"${name}" is not an allowed command; only commands the repository names can run, and ${list}`);
  }
  const run = await workspace.run(command, { timeoutMs, signal });
  const content = [`$ ${command}`, exitLine(run.exitCode, run.timedOut, timeoutMs), "", clipText(run.output, OUTPUT_TAIL_CHARS, "end")].join("\n");
  return { content, summary: `run_command ${name}: ${exitLine(run.exitCode, run.timedOut, timeoutMs)}` };
}
