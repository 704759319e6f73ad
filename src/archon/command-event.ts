import type { PlanDraft } from "../domain/plan.js";
import type { ParsedComment } from "./slash-command.js";
import type { CommentRef, PersonEvent } from "../domain/task-event.js";

/**
 * The state-machine event for a parsed comment or a ticked checkbox (`from` undefined).
 * `plan` is called only for `/archon plan`, so the shell reads the repository only when needed.
 * `eventId` (e.g. the delivery id) tells a checkbox tick apart from earlier ones.
 */
export function commandEvent(
  parsed: ParsedComment,
  from: CommentRef | undefined,
  plan: () => PlanDraft,
  eventId?: string,
): PersonEvent | undefined {
  const event = eventFor(parsed, from, plan);
  return event && eventId !== undefined ? { ...event, eventId } : event;
}

function eventFor(parsed: ParsedComment, from: CommentRef | undefined, plan: () => PlanDraft): PersonEvent | undefined {
  if (parsed.kind === "none") return undefined;
  if (parsed.kind === "unknown") return { type: "unknown_command", text: parsed.text, from };
  switch (parsed.name) {
    case "help":
      return { type: "help_requested", from };
    case "plan":
      return { type: "replan_requested", plan: plan(), from };
    case "approve":
      return { type: "plan_approved", from };
    case "run":
      return { type: "run_requested", from };
    case "retry":
      return { type: "retry_requested", step: parsed.args[0], from };
    case "cancel":
      return { type: "cancel_requested", from };
    case "status":
      return { type: "status_requested", from };
    case "fix":
      return { type: "fix_requested", text: parsed.args[0] ?? "", from };
  }
}
