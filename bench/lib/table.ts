import type { SuiteResult } from "./result.js";

/** A plain-text table: one line per figure, skipped and failed suites with their reason. */
export function renderTable(results: readonly SuiteResult[]): string {
  const header = ["suite", "metric", "archon", "peer", "target"];
  const lines: string[][] = [];
  for (const r of results) {
    if (r.status !== "ok") {
      lines.push([r.name, r.status, r.note ?? "", "", ""]);
      continue;
    }
    for (const row of r.rows) {
      const peer = row.peer === undefined ? "" : `${row.peer}${row.peerName ? ` (${row.peerName})` : ""}`;
      lines.push([r.name, row.metric, row.archon, peer, row.target ?? ""]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [format(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(format)].join("\n");
}
