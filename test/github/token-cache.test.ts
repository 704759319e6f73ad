import { describe, expect, it } from "vitest";
import { createTokenCache, renewalMargin } from "../../src/github/token-cache.js";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A cache entry as @octokit/auth-app writes it. */
function entry(token: string, createdAgoMs: number, expiresInMs: number): string {
  return [token, new Date(NOW - createdAgoMs).toISOString(), new Date(NOW + expiresInMs).toISOString(), "all", "issues!,contents!", ""].join("|");
}

describe("installation token cache", () => {
  it.each([
    ["an hour-long token just minted", 0, 60 * MINUTE, true],
    ["an hour-long token with 6 minutes left", 54 * MINUTE, 6 * MINUTE, true],
    ["an hour-long token with 4 minutes left", 56 * MINUTE, 4 * MINUTE, false],
    ["a token already expired", 61 * MINUTE, -MINUTE, false],
    ["a 10-second token with 6 seconds left", 4 * SECOND, 6 * SECOND, true],
    ["a 10-second token with 4 seconds left", 6 * SECOND, 4 * SECOND, false],
    // GitHub's clock 2 minutes ahead of ours: the hour-long token says it expires 58 minutes after we minted it.
    ["a token expiring earlier than its hour by skew, 4 minutes left", 54 * MINUTE, 4 * MINUTE, false],
  ])("%s is handed out: %s", (_name, createdAgo, expiresIn, handedOut) => {
    const cache = createTokenCache({ now: () => NOW });
    const value = entry("ghs_a", createdAgo, expiresIn);
    cache.set("42", value);
    expect(cache.get("42")).toBe(handedOut ? value : undefined);
  });

  it.each([
    [60 * MINUTE, 5 * MINUTE],
    [10 * MINUTE, 5 * MINUTE],
    [8 * MINUTE, 4 * MINUTE],
    [10 * SECOND, 5 * SECOND],
  ])("a token living %i ms is renewed %i ms before it expires", (lifetime, margin) => {
    expect(renewalMargin(lifetime)).toBe(margin);
  });

  it("forgets a refused token by its value, leaving other installations' tokens", () => {
    const cache = createTokenCache({ now: () => NOW });
    cache.set("1", entry("ghs_one", 0, 60 * MINUTE));
    cache.set("2", entry("ghs_two", 0, 60 * MINUTE));
    cache.forget("ghs_one");
    expect(cache.get("1")).toBeUndefined();
    expect(cache.get("2")).toContain("ghs_two|");
    // A token already replaced is not there to forget: the newer one stays.
    cache.set("2", entry("ghs_three", 0, 60 * MINUTE));
    cache.forget("ghs_two");
    expect(cache.get("2")).toContain("ghs_three|");
  });

  it("keeps at most `max` entries, dropping the oldest write", () => {
    const cache = createTokenCache({ max: 2, now: () => NOW });
    cache.set("1", entry("ghs_1", 0, 60 * MINUTE));
    cache.set("2", entry("ghs_2", 0, 60 * MINUTE));
    cache.set("1", entry("ghs_1b", 0, 60 * MINUTE));
    cache.set("3", entry("ghs_3", 0, 60 * MINUTE));
    expect(cache.get("2")).toBeUndefined();
    expect(cache.get("1")).toContain("ghs_1b|");
    expect(cache.get("3")).toContain("ghs_3|");
  });
});
