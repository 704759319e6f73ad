import { describe, expect, it } from "vitest";
import { renderTable } from "../../bench/lib/table.js";

describe("renderTable", () => {
  it("aligns the columns a later cell follows, and lets a row's last cell run on", () => {
    const table = renderTable([
      { name: "queue", status: "ok", rows: [{ metric: "jobs/s", archon: "48,410/s", peer: "19,136/s", peerName: "BullMQ", target: "≥ 2× BullMQ" }] },
      { name: "agents", status: "ok", rows: [{ metric: "declined a/b", archon: "A reason much longer than any other cell in this table, which stays on one line." }] },
      { name: "knowledge", status: "skipped", note: "PostgreSQL does not answer at 127.0.0.1:5432", rows: [] },
    ]);
    expect(table).toMatchInlineSnapshot(`
      "suite     | metric       | archon   | peer              | target
      ----------|--------------|----------|-------------------|------------
      queue     | jobs/s       | 48,410/s | 19,136/s (BullMQ) | ≥ 2× BullMQ
      agents    | declined a/b | A reason much longer than any other cell in this table, which stays on one line.
      knowledge | skipped      | PostgreSQL does not answer at 127.0.0.1:5432"
    `);
  });
});
