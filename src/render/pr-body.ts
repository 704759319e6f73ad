import { renderMarker } from "./marker.js";
import { type PrDoc, type PrFile, type PrStep, type PrTesting, closingSection, docsSection, filesSection, planOutcomeSection, summarySection, testingSection } from "./pr-sections.js";
import { joinSections } from "./text.js";

export interface PrBodyInput {
  taskId: string;
  issueNumber: number | null;
  title: string;
  summary: string;
  steps: PrStep[];
  files: PrFile[];
  testing: PrTesting;
  docs: PrDoc[];
}

// GitHub rejects a pull request body over 65,536 characters.
const MAX_BODY = 65_000;

/** The pull request description: what, why, how it was tested, and the issue it closes. */
export function renderPrBody(input: PrBodyInput): string {
  const marker = renderMarker("pr", { task: input.taskId });
  const body = joinSections([
    summarySection(input.title, input.summary),
    planOutcomeSection(input.steps),
    filesSection(input.files),
    testingSection(input.testing),
    docsSection(input.docs),
    closingSection(input.issueNumber),
    marker,
  ]);
  if (body.length <= MAX_BODY) return body;
  // Keep the end (Closes #N and the marker) whatever is cut from the middle.
  const tail = joinSections([closingSection(input.issueNumber), marker]);
  return `${body.slice(0, MAX_BODY - tail.length - 40).trimEnd()}\n\n… (cut to fit GitHub's limit)\n\n${tail}`;
}
