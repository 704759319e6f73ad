// GitHub stamps label events in whole seconds and may deliver them, or Archon may process them,
// out of order: the later stamp says which of a labeling and a removal stands. In the same second
// the removal counts as the later one: the issue is left without a task rather than with one
// nobody may want, and labeling it again starts one.

/** Whether the label was removed at or after `labeledAt`, so the labeling no longer stands. */
export function removedSince(removedAt: Date | null, labeledAt: string): boolean {
  return removedAt !== null && removedAt.getTime() >= Date.parse(labeledAt);
}

/** Whether the label was added again after `removedAt`, so the removal no longer stands. */
export function labeledSince(labeledAt: Date | null, removedAt: string): boolean {
  return labeledAt !== null && labeledAt.getTime() > Date.parse(removedAt);
}

/**
 * Whether the issue was closed at or after `startedAt`, when a labeling (or the opening or
 * reopening of a labeled issue) started a task: in order, the close would have stopped it. In
 * the same second the close counts as the later, as a removal does, except after a reopening,
 * which always follows the close it undoes.
 */
export function closedSince(closedAt: Date | null, startedAt: string, reopened: boolean): boolean {
  if (closedAt === null) return false;
  return reopened ? closedAt.getTime() > Date.parse(startedAt) : removedSince(closedAt, startedAt);
}
