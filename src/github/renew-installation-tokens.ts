import { ProbotOctokit } from "probot";
import { httpStatus } from "./client.js";
import { type TokenCache, createTokenCache } from "./token-cache.js";

type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[0];

/**
 * A request refused with 401 although its installation token was handed out as good: GitHub
 * revoked it, or expired it earlier than our clock says. auth-app retries a 401 only within 5 s of
 * minting the token (replication delay) and would keep sending the refused token until its cache
 * entry ages out, so the token is dropped from the cache and the request sent once more, with a
 * newly minted one. A second 401 is a real error and goes to the caller.
 *
 * The hook wraps the retry and throttling plugins' (plugins wrap in the order they are added), so
 * the request sent again is throttled and retried like any other.
 */
function renewRejectedToken(cache: TokenCache): OctokitPlugin {
  return (octokit, options) => {
    // Only installation clients: the App's own client (JWT) has no token to renew.
    if (!(options.auth as { installationId?: unknown } | undefined)?.installationId) return;
    octokit.hook.wrap("request", async (request, requestOptions) => {
      // A request that brings its own credentials, such as auth-app minting a token with the
      // App's JWT (it passes through these hooks too, and asking for a token here would wait on
      // that very mint).
      if (requestOptions.headers.authorization) return request(requestOptions);
      // The token the auth hook is about to use: a cache read, or the mint it would do anyway.
      const { token } = (await octokit.auth({ type: "installation" })) as { token: string };
      try {
        return await request(requestOptions);
      } catch (error) {
        if (httpStatus(error) !== 401 || !sentWithToken(error)) throw error;
        octokit.log.warn(`Installation token refused (401) on ${requestOptions.method} ${requestOptions.url}; renewing it and sending the request again`);
        cache.forget(token);
        return request(requestOptions);
      }
    });
  };
}

// RequestError redacts the credential but keeps its scheme: "token [REDACTED]" is an installation
// token, "bearer [REDACTED]" the App's JWT (app routes of an installation client).
function sentWithToken(error: unknown): boolean {
  const headers = (error as { request?: { headers?: Record<string, unknown> } }).request?.headers;
  return String(headers?.authorization ?? "").startsWith("token ");
}

interface AppAuthOptions {
  request?: { defaults(options: { baseUrl: string }): unknown };
}

/**
 * Probot's octokit with installation tokens renewed before they lapse and after GitHub refuses
 * one. Passed to Probot as its `Octokit`, it is the class of the App's client and of every
 * installation client `probot.auth(id)` makes; all of them share `cache`.
 */
export function withTokenRenewal(Octokit: typeof ProbotOctokit = ProbotOctokit, cache: TokenCache = createTokenCache()): typeof ProbotOctokit {
  return Octokit.plugin(renewRejectedToken(cache)).defaults((options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => {
    const auth = options.auth as AppAuthOptions | undefined;
    if (!auth) return options;
    // Probot puts its own token cache in the auth options of every client it builds; ours
    // replaces it. Probot's request for auth-app has no base URL: a token minted outside a
    // request's hook (as `octokit.auth()` does) would be asked of github.com, not GHE or
    // GITHUB_API_URL.
    const request = options.baseUrl && auth.request ? { request: auth.request.defaults({ baseUrl: options.baseUrl }) } : {};
    return { ...options, auth: { ...auth, cache, ...request } };
  });
}
