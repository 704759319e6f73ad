import type { CommandContext, CommandOf } from "./context.js";

/** Renders the task as it is now where people look; the forge writes only what changed. */
export function onUpsertStatusComment(ctx: CommandContext, command: CommandOf<"upsert_status_comment">): Promise<void> {
  return ctx.forge.showStatus(ctx.task, command.idempotencyKey);
}

/** The labels of the task's state now, not of the transition that asked. */
export function onSetLabels(ctx: CommandContext): Promise<void> {
  return ctx.forge.syncLabels(String(ctx.task.id));
}
