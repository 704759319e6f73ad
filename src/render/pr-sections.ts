import type { AgentName, StepStatus } from "../domain/step.js";
import { inline } from "./text.js";

export interface PrStep {
  position: number;
  title: string;
  agent: AgentName;
  outcome: StepStatus;
  /** The agent's one-line report. */
  summary?: string | null | undefined;
}

export interface PrFile {
  path: string;
  action: "create" | "modify" | "delete";
}

export interface PrTesting {
  command?: string | undefined;
  testsAdded: string[];
  ciUrl?: string | undefined;
  /** Fix rounds so far, CI's and reviewers'. */
  fixAttempts: number;
}

export interface PrDoc {
  title: string;
  path?: string | undefined;
}

const OUTCOME: Record<StepStatus, string> = {
  pending: "⏳ not run",
  running: "⚙️ running",
  succeeded: "✅ done",
  failed: "❌ failed",
  skipped: "➖ skipped",
};

// Long lists fold away so the body stays readable on a phone.
const FOLD_AFTER = 10;

export function summarySection(title: string, summary: string): string {
  return `## ${inline(title, 120)}\n\n${inline(summary, 2_000)}`;
}

export function planOutcomeSection(steps: readonly PrStep[]): string | undefined {
  if (steps.length === 0) return undefined;
  const lines = steps.map((s) => {
    const report = s.summary ? `: ${inline(s.summary, 200)}` : "";
    return `${s.position}. **${inline(s.title, 120)}** (${s.agent}) ${OUTCOME[s.outcome]}${report}`;
  });
  return ["### Plan", "", ...lines].join("\n");
}

export function filesSection(files: readonly PrFile[]): string | undefined {
  if (files.length === 0) return undefined;
  const verb = { create: "added", modify: "changed", delete: "deleted" } as const;
  const lines = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `- \`${inline(f.path, 200).replace(/`/g, "'")}\` ${verb[f.action]}`);
  return fold(`### Files changed (${files.length})`, lines);
}

export function testingSection(testing: PrTesting): string {
  const how = testing.command
    ? `CI runs \`${inline(testing.command, 200).replace(/`/g, "'")}\``
    : "CI runs the repository's tests";
  const ci = testing.ciUrl ? ` ([latest run](${testing.ciUrl}))` : "";
  const fixes =
    testing.fixAttempts > 0
      ? ` Archon made ${testing.fixAttempts} fix round${testing.fixAttempts === 1 ? "" : "s"} after review or red CI.`
      : "";
  const head = `### How it was tested\n\n${how}${ci}.${fixes}`;
  if (testing.testsAdded.length === 0) return `${head}\n\nNo tests were added.`;
  return `${head}\n\n${fold(
    `Tests added (${testing.testsAdded.length})`,
    testing.testsAdded.map((t) => `- ${inline(t, 200)}`),
    true,
  )}`;
}

export function docsSection(docs: readonly PrDoc[]): string | undefined {
  if (docs.length === 0) return undefined;
  const lines = docs.map(
    (d) => `- ${inline(d.title, 200)}${d.path ? ` (\`${inline(d.path, 200).replace(/`/g, "'")}\`)` : ""}`,
  );
  return ["### Docs added", "", ...lines].join("\n");
}

export function closingSection(issueNumber: number | null): string {
  const review =
    "Archon does not approve or merge its own pull requests. Comment `/archon fix <what>` to ask for a change.";
  return issueNumber === null ? review : `Closes #${issueNumber}\n\n${review}`;
}

function fold(title: string, lines: string[], plainTitle = false): string {
  if (lines.length <= FOLD_AFTER) return [plainTitle ? `**${title}**` : title, "", ...lines].join("\n");
  const summary = title.replace(/^#+\s*/, "");
  return ["<details>", `<summary>${summary}</summary>`, "", ...lines, "", "</details>"].join("\n");
}
