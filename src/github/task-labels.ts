/** Every status label Archon sets starts with this; no other label is ever touched. */
export const STATUS_LABEL_PREFIX = "archon:";

export interface LabelStyle {
  color: string;
  description: string;
}

const STYLES: Record<string, LabelStyle> = {
  "archon:planned": { color: "c5def5", description: "Archon has a plan for this task" },
  "archon:running": { color: "fbca04", description: "Archon is working on this task" },
  "archon:review": { color: "0e8a16", description: "Archon's pull request is ready for review" },
  "archon:failed": { color: "d93f0b", description: "Archon needs a person to look at this task" },
};

const DEFAULT_STYLE: LabelStyle = { color: "ededed", description: "Archon task status" };

export function isStatusLabel(name: string): boolean {
  return name.toLowerCase().startsWith(STATUS_LABEL_PREFIX);
}

export function labelStyle(name: string): LabelStyle {
  return STYLES[name.toLowerCase()] ?? DEFAULT_STYLE;
}

export interface LabelDiff {
  add: string[];
  remove: string[];
}

/** Which status labels to add and remove so the issue carries exactly `wanted` of them. */
export function diffStatusLabels(current: string[], wanted: string[]): LabelDiff {
  const want = new Set(wanted.map((w) => w.toLowerCase()));
  const have = new Set(current.map((c) => c.toLowerCase()));
  return {
    add: wanted.filter((w) => !have.has(w.toLowerCase())),
    remove: current.filter((c) => isStatusLabel(c) && !want.has(c.toLowerCase())),
  };
}
