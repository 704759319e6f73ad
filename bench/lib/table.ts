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
  // A row's last filled cell runs on past its column: one long reason does not widen the whole table.
  const aligned = (l: string[], i: number) => i === header.length - 1 || l.slice(i + 1).some((c) => c !== "");
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => aligned(l, i)).map((l) => (l[i] ?? "").length)));
  const format = (cells: string[]) => {
    const filled = cells.slice(0, cells.findLastIndex((c) => c !== "") + 1);
    return filled.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
  };
  return [format(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(format)].join("\n");
}
