import { describe, expect, it } from "vitest";
import { retryDelay } from "../../src/queue/retry-delay.js";

describe("retryDelay", () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [100, 60_000],
    [0, 1_000],
  ])("after attempt %i waits %i ms", (attempt, expected) => {
    expect(retryDelay(attempt, 1_000, 60_000)).toBe(expected);
  });
});
