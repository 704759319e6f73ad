import { z } from "zod";

/** What kind of change a task asks for (the issue form's dropdown). */
export const ChangeKind = z.enum(["endpoint", "feature", "fix", "docs", "tests"]);
export type ChangeKind = z.infer<typeof ChangeKind>;

/**
 * A task as the agents see it, whatever it came from (issue, issue form, API, MCP, CLI).
 * Built from untrusted text: hidden text is already stripped when a spec exists.
 */
export const TaskSpec = z.object({
  title: z.string().min(1).max(256),
  /** What to build, in the requester's words. */
  description: z.string().max(65_536).default(""),
  acceptanceCriteria: z.array(z.string()).default([]),
  kind: ChangeKind.optional(),
  /** Files or areas of the repository the requester pointed at. */
  areas: z.array(z.string()).default([]),
});
export type TaskSpec = z.infer<typeof TaskSpec>;
