/** The reply to `/archon help` and to a command Archon does not understand. */
export function helpText(): string {
  return [
    "**Archon commands** (comment on the issue or the pull request; one command per comment):",
    "",
    "- `/archon plan`: make the plan again from the issue as it reads now",
    "- `/archon approve`: approve the plan and start",
    "- `/archon run`: start (or continue) a planned task",
    "- `/archon status`: refresh the status comment",
    "- `/archon retry [step]`: run a failed step again, e.g. `/archon retry 2` or `/archon retry tests`",
    "- `/archon fix <what>`: change the pull request; the lines below the command, up to a blank line, are part of the request",
    "- `/archon cancel`: stop the task",
    "- `/archon help`: this list",
    "",
    "Only people with write access to the repository can steer a task.",
  ].join("\n");
}
