/** One line of the printed table: a figure of Archon beside the peer it is compared with. */
export interface Row {
  metric: string;
  archon: string;
  peer?: string | undefined;
  /** Who the peer is, e.g. "no-op Probot" or "BullMQ". */
  peerName?: string | undefined;
  target?: string | undefined;
}

export interface SuiteResult {
  name: string;
  status: "ok" | "skipped" | "failed";
  /** Why it was skipped or how it failed. */
  note?: string | undefined;
  rows: Row[];
  /** Everything measured, for the JSON file. */
  data?: Record<string, unknown> | undefined;
}

export function skipped(name: string, note: string): SuiteResult {
  return { name, status: "skipped", note, rows: [] };
}
