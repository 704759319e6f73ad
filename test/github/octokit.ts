import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";

export const API = "https://api.github.com";

/** An octokit as Probot's testing docs build it: no retries, no throttling, a fixed token. */
export function testOctokit(retry: { enabled: boolean; retryAfterBaseValue?: number } = { enabled: false }) {
  return new ProbotOctokit({ auth: { token: "test" }, retry, throttle: { enabled: false } });
}

/** Every test starts with no network and ends with every mocked request used, none missing. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
  });
}
