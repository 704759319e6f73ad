import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withTokenRenewal } from "../../src/github/renew-installation-tokens.js";
import { type TokenCache, createTokenCache } from "../../src/github/token-cache.js";
import { API, useNock } from "./octokit.js";

const INSTALLATION = 42;
const MINUTE = 60_000;
const BAD_CREDENTIALS = { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" };

let privateKey: string;
beforeAll(() => {
  privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
});

/** Archon's Probot as `createProbot` builds it (retry and throttling on), over a token cache the test can fill. */
function probotWith(cache: TokenCache) {
  return new Probot({ appId: 1, privateKey, log: pino({ level: "silent" }), Octokit: withTokenRenewal(ProbotOctokit, cache) });
}

/** A token in the cache, as auth-app stores it, minted `createdAgo` ms ago and expiring in `expiresIn`. */
function cached(cache: TokenCache, token: string, createdAgo: number, expiresIn: number, installation = INSTALLATION): void {
  const now = Date.now();
  cache.set(String(installation), [token, new Date(now - createdAgo).toISOString(), new Date(now + expiresIn).toISOString(), "all", "issues!", ""].join("|"));
}

function mint(token: string, expiresIn = 60 * MINUTE, installation = INSTALLATION) {
  return nock(API)
    .post(`/app/installations/${installation}/access_tokens`)
    .matchHeader("authorization", /^bearer /)
    .reply(201, { token, expires_at: new Date(Date.now() + expiresIn).toISOString(), permissions: { issues: "write" }, repository_selection: "all" });
}

function repoWith(token: string) {
  return nock(API, { reqheaders: { authorization: `token ${token}` } }).get("/repos/Codertocat/Hello-World");
}

describe("installation tokens", () => {
  useNock();
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a cached token near its expires_at is not sent: a new one is minted first", async () => {
    const cache = createTokenCache();
    cached(cache, "ghs_lapsing", 56 * MINUTE, 4 * MINUTE);
    mint("ghs_new");
    repoWith("ghs_new").reply(200, { id: 1 });
    const octokit = await probotWith(cache).auth(INSTALLATION);
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" });
    expect(data).toEqual({ id: 1 });
  });

  it("a token living 8 minutes is used while more than half its life is left, and renewed after", async () => {
    const cache = createTokenCache();
    cached(cache, "ghs_young", 3 * MINUTE, 5 * MINUTE);
    repoWith("ghs_young").reply(200, { id: 1 });
    const octokit = await probotWith(cache).auth(INSTALLATION);
    const read = () => octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" });
    await read();
    cached(cache, "ghs_old", 5 * MINUTE, 3 * MINUTE);
    mint("ghs_next");
    repoWith("ghs_next").reply(200, { id: 1 });
    await read();
  });

  it("a token GitHub refuses (revoked) is dropped, a new one minted and the request sent again, once", async () => {
    const cache = createTokenCache();
    cached(cache, "ghs_revoked", 10 * MINUTE, 50 * MINUTE);
    repoWith("ghs_revoked").reply(401, BAD_CREDENTIALS);
    mint("ghs_new");
    repoWith("ghs_new").times(2).reply(200, { id: 1 });
    const octokit = await probotWith(cache).auth(INSTALLATION);
    const read = () => octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" });
    expect((await read()).status).toBe(200);
    // The next request uses the renewed token without minting again.
    expect((await read()).status).toBe(200);
  });

  it("requests refused at the same time mint one new token between them", async () => {
    const cache = createTokenCache();
    cached(cache, "ghs_revoked", 10 * MINUTE, 50 * MINUTE);
    repoWith("ghs_revoked").times(3).reply(401, BAD_CREDENTIALS);
    mint("ghs_new");
    repoWith("ghs_new").times(3).reply(200, { id: 1 });
    const octokit = await probotWith(cache).auth(INSTALLATION);
    const read = () => octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" });
    const answers = await Promise.all([read(), read(), read()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  });

  it("a 401 for the renewed token too is a real error and reaches the caller", async () => {
    // auth-app waits 1, 2 and 3 s between its own retries of a token minted under 5 s ago: the
    // clock is faked, and the installation is one of its own, as the throttling plugin's limiters
    // (shared by every octokit, keyed by installation) remember times from the faked clock.
    const installation = INSTALLATION + 1;
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    const cache = createTokenCache();
    cached(cache, "ghs_revoked", 10 * MINUTE, 50 * MINUTE, installation);
    repoWith("ghs_revoked").reply(401, BAD_CREDENTIALS);
    mint("ghs_new", 60 * MINUTE, installation);
    // The renewed token: refused on the retry, and on auth-app's own retries for a token under
    // 5 s old (how many depends on its timing, not ours); then no further mint.
    let refusedNew = 0;
    repoWith("ghs_new")
      .reply(401, () => (refusedNew++, BAD_CREDENTIALS))
      .persist();
    const octokit = await probotWith(cache).auth(installation);
    let outcome: unknown;
    const request = octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" }).then(
      () => (outcome = "answered"),
      (error: unknown) => (outcome = error),
    );
    // Moves the clock on while the requests (real I/O through nock) run.
    const deadline = performance.now() + 20_000;
    while (outcome === undefined && performance.now() < deadline) {
      await vi.advanceTimersByTimeAsync(100);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await request;
    expect(outcome).toMatchObject({ status: 401 });
    expect(refusedNew).toBeGreaterThanOrEqual(1);
  });

  it("a 401 to the App's own client (JWT) is not retried", async () => {
    nock(API).get("/app/hook/deliveries").matchHeader("authorization", /^bearer /).reply(401, BAD_CREDENTIALS);
    const octokit = await probotWith(createTokenCache()).auth();
    await expect(octokit.request("GET /app/hook/deliveries")).rejects.toMatchObject({ status: 401 });
  });

  it("on GitHub Enterprise (a base URL), a renewed token is minted there too", async () => {
    const ghe = "https://github.example.com/api/v3";
    const cache = createTokenCache();
    cached(cache, "ghs_lapsing", 56 * MINUTE, 4 * MINUTE);
    nock(ghe)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: "ghs_new", expires_at: new Date(Date.now() + 60 * MINUTE).toISOString(), permissions: {}, repository_selection: "all" });
    nock(ghe, { reqheaders: { authorization: "token ghs_new" } }).get("/repos/Codertocat/Hello-World").reply(200, { id: 1 });
    const probot = new Probot({ appId: 1, privateKey, baseUrl: ghe, log: pino({ level: "silent" }), Octokit: withTokenRenewal(ProbotOctokit, cache) });
    const octokit = await probot.auth(INSTALLATION);
    expect((await octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" })).status).toBe(200);
  });

  it("a 404 is not a reason to renew", async () => {
    const cache = createTokenCache();
    cached(cache, "ghs_good", 10 * MINUTE, 50 * MINUTE);
    repoWith("ghs_good").reply(404, { message: "Not Found" });
    const octokit = await probotWith(cache).auth(INSTALLATION);
    await expect(octokit.request("GET /repos/{owner}/{repo}", { owner: "Codertocat", repo: "Hello-World" })).rejects.toMatchObject({ status: 404 });
    expect(cache.get(String(INSTALLATION))).toContain("ghs_good|");
  });
});
