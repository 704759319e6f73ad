import type { AgentInput, AgentResult } from "../../domain/agent.js";
import type { RepoConfig } from "../../archon/repo-config.schema.js";
import type { ClosableWorkspace } from "../../domain/workspace.js";
import type { Provider } from "../../llm/provider.js";
import { chooseTestCommand } from "../../testing/choose-test-command.js";
import type { CommandContext } from "./context.js";

/** Whether the step's agent would work in a workspace: a model in loop mode, on a forge that can open one. */
function wantsWorkspace(ctx: CommandContext, provider: Provider, config: RepoConfig): boolean {
  return ctx.forge.openWorkspace !== undefined && provider.name === "openai" && config.agentMode !== "single-shot";
}

/**
 * Runs the step's agent, in a workspace when it would use one: a checkout of the step's base with
 * the earlier steps' changes, removed afterwards whatever happens (an error, the person stopping).
 */
export async function runInWorkspace(ctx: CommandContext, provider: Provider, config: RepoConfig, input: AgentInput, run: (input: AgentInput) => Promise<AgentResult>): Promise<AgentResult> {
  const open = ctx.forge.openWorkspace;
  if (!open || !wantsWorkspace(ctx, provider, config)) return run(input);
  const test = await chooseTestCommand(input.repo, config.testCommand, input.facts.testCommand);
  const setup = { testCommand: test?.command, commands: config.commands ?? {}, signal: ctx.deps.signal };
  let workspace: ClosableWorkspace | undefined;
  try {
    workspace = await open(input.repo.ref, input.previousChanges, setup);
    return await run({ ...input, workspace });
  } finally {
    await workspace?.close();
  }
}
