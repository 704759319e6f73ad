import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, parseRetryAfter } from "../../../src/llm/openai/retry.js";

const NOW = Date.parse("2026-11-24T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after-ms": "1500", "retry-after": "2" }, 1500],
    [{ "retry-after": "Tue, 24 Nov 2026 12:00:03 GMT" }, 3000],
    [{ "retry-after": "Tue, 24 Nov 2026 11:59:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
  ])("%j → %s ms", (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), NOW)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [3, 1, 4000],
    [4, 1, 8000],
    [10, 1, 8000],
    [10, 0, 4000],
  ])("retry %i with random %f waits %i ms", (attempt, random, expected) => {
    expect(backoffDelay(attempt, random, policy)).toBe(expected);
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [408, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])("%i → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
