import { describe, expect, it } from "vitest";
import { findMarkedTask, parseMarkers, renderMarker } from "../../src/render/marker.js";

describe("markers", () => {
  it.each([
    ["status", { task: 42 }, "<!-- archon:status task=42 -->"],
    ["pr", { task: "9f3" }, "<!-- archon:pr task=9f3 -->"],
    ["tick", { action: "retry", task: 42, step: 2 }, "<!-- archon:tick action=retry task=42 step=2 -->"],
  ] as const)("writes and reads back %s", (kind, fields, text) => {
    expect(renderMarker(kind, fields)).toBe(text);
    expect(parseMarkers(`before ${text} after`)).toEqual([
      { kind, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) },
    ]);
  });

  it.each([
    ["<!--archon:status task=7-->", "7"],
    ["<!--   archon:status   task=7   -->", "7"],
    ["text\n<!-- archon:pr task=1 -->\n<!-- archon:status task=8 -->", "8"],
    ["<!-- archon:status -->", undefined],
    ["<!-- archon:statuses task=1 -->", undefined],
    ["<!-- archon:status task=<script> -->", undefined],
    ["no marker", undefined],
  ])("finds the status task in %j", (text, task) => {
    expect(findMarkedTask(text, "status")).toBe(task);
  });

  it("refuses to write a value that could break out of the comment", () => {
    expect(() => renderMarker("status", { task: "1 --> <b>" })).toThrow(/unsafe marker/);
  });
});
