import type { CommandContext, CommandOf } from "./context.js";

export function onReply(ctx: CommandContext, command: CommandOf<"reply">): Promise<void> {
  return ctx.forge.reply(command.number, command.idempotencyKey, command.body);
}

export function onReact(ctx: CommandContext, command: CommandOf<"react">): Promise<void> {
  return ctx.forge.react(command.commentId, command.reaction);
}

/** An audit line: what the state machine decided about an event, and why. */
export async function onRecordDecision(ctx: CommandContext, command: CommandOf<"record_decision">): Promise<void> {
  const { event, accepted, reason } = command;
  ctx.deps.logger.info({ task: String(ctx.task.id), event, accepted, reason }, "decision");
}
