import { checklistItems, isNoResponse, lineItems, splitSections } from "./markdown-sections.js";
import { stripHidden } from "./strip-hidden.js";
import { ChangeKind, type TaskSpec } from "../domain/task-spec.js";

export interface IssueText {
  title: string;
  /** GitHub sends null for an issue with no body. */
  body: string | null | undefined;
}

// TaskSpec allows 65,536 characters; keep room for the note that says what was cut.
const MAX_DESCRIPTION = 64_000;
const MAX_TITLE = 256;
const MAX_ITEMS = 100;
const MAX_ITEM_LENGTH = 1_000;
/** The issue form's default title prefix; it says nothing about the task. */
const TITLE_PREFIX = /^\s*\[archon\]\s*/i;

/** Headings of the "Archon task" issue form (.github/ISSUE_TEMPLATE/archon-task.yml). */
const FORM_FIELDS = {
  what: "what to build",
  acceptance: "acceptance criteria",
  kind: "kind of change",
  areas: "files or areas involved",
} as const;

/**
 * Turns an issue into a TaskSpec. Reads the issue form's rendered markdown when the body has the
 * form's headings, and otherwise takes the body as the description (acceptance criteria from an
 * "Acceptance criteria" section or a checklist). Hidden text is stripped first. Never throws.
 */
export function parseIssue(issue: IssueText): TaskSpec {
  const title = cleanTitle(issue.title);
  const body = stripHidden(issue.body ?? "")
    .replace(/\r\n/g, "\n")
    .trim();
  const sections = splitSections(body);
  const field = (name: string) => sections.find((s) => s.heading?.trim().toLowerCase() === name);

  const what = field(FORM_FIELDS.what);
  if (what) {
    const kindText = field(FORM_FIELDS.kind)?.content.trim().toLowerCase() ?? "";
    const kind = ChangeKind.safeParse(kindText);
    return {
      title,
      description: truncate(isNoResponse(what.content) ? "" : what.content, body.length),
      acceptanceCriteria: items(lineItems(field(FORM_FIELDS.acceptance)?.content ?? "")),
      ...(kind.success ? { kind: kind.data } : {}),
      areas: items(lineItems(field(FORM_FIELDS.areas)?.content ?? "")),
    };
  }

  const criteriaSection = field(FORM_FIELDS.acceptance);
  const criteria = criteriaSection ? lineItems(criteriaSection.content) : checklistItems(body);
  return { title, description: truncate(body, body.length), acceptanceCriteria: items(criteria), areas: [] };
}

function cleanTitle(raw: string): string {
  const title = stripHidden(raw).replace(TITLE_PREFIX, "").replace(/\s+/g, " ").trim();
  return (title === "" ? "Untitled task" : title).slice(0, MAX_TITLE);
}

function truncate(text: string, bodyLength: number): string {
  if (text.length <= MAX_DESCRIPTION) return text;
  return (
    text.slice(0, MAX_DESCRIPTION).trimEnd() +
    `\n\n[Archon read the first ${MAX_DESCRIPTION.toLocaleString("en-US")} of ` +
    `${bodyLength.toLocaleString("en-US")} characters of this issue; the rest was cut.]`
  );
}

function items(list: string[]): string[] {
  return list.slice(0, MAX_ITEMS).map((item) => item.slice(0, MAX_ITEM_LENGTH));
}
