import { z } from "zod";
import type { Workspace } from "../../../domain/workspace.js";
import { describeIssues } from "../parse-reply.js";
import type { ToolCall } from "../schema.js";
import { editWorkspaceFile, listFiles, readWorkspaceFile, writeWorkspaceFile } from "./file-tools.js";
import type { LoopLimits, ToolDefinition } from "./loop-types.js";
import { runNamedCommand, runTests } from "./run-tools.js";
import { searchWorkspace } from "./search-tool.js";
import { EditFileArgs, FinishArgs, ListFilesArgs, ReadFileArgs, RunCommandArgs, RunTestsArgs, SearchArgs, WriteFileArgs } from "./tool-args.js";
import { type ToolOutput, toolError } from "./tool-output.js";

/** What a tool works with. */
export interface ToolContext {
  workspace: Workspace;
  limits: LoopLimits;
  signal?: AbortSignal | undefined;
}

interface Tool<S extends z.ZodType> {
  description: string;
  args: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolOutput>;
}

function tool<S extends z.ZodType>(definition: Tool<S>): Tool<z.ZodType> {
  return definition as unknown as Tool<z.ZodType>;
}

const TOOLS: Record<string, Tool<z.ZodType>> = {
  list_files: tool({ description: "List the repository's files (ignored files left out), under a folder or all.", args: ListFilesArgs, run: (a, c) => listFiles(c.workspace.root, a.dir) }),
  read_file: tool({ description: "Read a file, or a range of its lines.", args: ReadFileArgs, run: (a, c) => readWorkspaceFile(c.workspace.root, a.path, a.startLine, a.endLine) }),
  search: tool({
    description: "Search the repository's files for lines matching a regular expression.",
    args: SearchArgs,
    run: (a, c) => searchWorkspace(c.workspace.root, a.pattern, a.dir, c.limits.searchResults),
  }),
  write_file: tool({ description: "Create a file or replace its whole content.", args: WriteFileArgs, run: (a, c) => writeWorkspaceFile(c.workspace.root, a.path, a.content) }),
  edit_file: tool({
    description: "Replace a piece of text that occurs exactly once in a file.",
    args: EditFileArgs,
    run: (a, c) => editWorkspaceFile(c.workspace.root, a.path, a.oldText, a.newText),
  }),
  run_tests: tool({ description: "Run the repository's tests: exit code, failures and the end of the output.", args: RunTestsArgs, run: (_a, c) => runTests(c.workspace, c.limits.testTimeoutMs, c.signal) }),
  run_command: tool({
    description: "Run one of the repository's allowed commands (lint, typecheck, …) by name.",
    args: RunCommandArgs,
    run: (a, c) => runNamedCommand(c.workspace, a.name, c.limits.commandTimeoutMs, c.signal),
  }),
  finish: tool({
    description: "End the step: say what was done. Call it once the work is complete and the tests pass.",
    args: FinishArgs,
    run: async (a) => ({ content: "finished", summary: "finish", finish: a }),
  }),
};

/** The tools in the shape the chat completions API takes, their parameters from the same zod schemas that check them. */
export function toolDefinitions(): ToolDefinition[] {
  return Object.entries(TOOLS).map(([name, t]) => {
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(t.args) as Record<string, unknown>;
    return { type: "function", function: { name, description: t.description, parameters } };
  });
}

/** Runs one tool call; a bad call (unknown tool, broken JSON, invalid arguments) is answered with an error, never thrown. */
export async function runToolCall(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const name = call.function.name;
  const found = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  if (!found) return toolError(name, `there is no tool named "${name}"; the tools are ${Object.keys(TOOLS).join(", ")}`);
  let json: unknown;
  try {
    json = call.function.arguments.trim() === "" ? {} : JSON.parse(call.function.arguments);
  } catch (error) {
    return toolError(name, `the arguments are not valid JSON (${(error as Error).message}); call ${name} again with a JSON object`);
  }
  const parsed = found.args.safeParse(json);
  if (!parsed.success) return toolError(name, `invalid arguments: ${describeIssues(parsed.error.issues).join("; ")}`);
  try {
    return await found.run(parsed.data, ctx);
  } catch (error) {
    return toolError(name, `failed: ${(error as Error).message}`);
  }
}
