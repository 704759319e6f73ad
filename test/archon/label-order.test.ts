import { describe, expect, it } from "vitest";
import { closedSince } from "../../src/archon/label-order.js";

const STARTED = "2026-02-01T10:00:05Z";

describe("closedSince: whether a close stops the task a labeling or a reopening started", () => {
  it.each([
    ["never closed", null, false, false],
    ["closed a second before the labeling", "2026-02-01T10:00:04Z", false, false],
    ["closed in the same second as the labeling", "2026-02-01T10:00:05Z", false, true],
    ["closed after the labeling", "2026-02-01T10:00:06Z", false, true],
    ["closed in the same second as the reopening", "2026-02-01T10:00:05Z", true, false],
    ["closed after the reopening", "2026-02-01T10:00:06Z", true, true],
  ])("%s", (_name, closedAt, reopened, expected) => {
    expect(closedSince(closedAt === null ? null : new Date(closedAt), STARTED, reopened)).toBe(expected);
  });
});
