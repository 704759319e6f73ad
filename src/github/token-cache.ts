/**
 * The installation-token cache handed to @octokit/auth-app (its `cache` option) in place of
 * Probot's, which keeps every token for a fixed 59 minutes whatever its `expires_at` says.
 * Here a token stops being handed out a margin before it expires, so auth-app mints a new one
 * before a request could go out with a token about to lapse; `forget` drops a token GitHub has
 * refused (revoked, or expired early by a clock that differs from ours).
 */
export interface TokenCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Drops the entry holding `token`, if it is still cached. */
  forget(token: string): void;
}

export interface TokenCacheOptions {
  /** Entries kept at most; past it the oldest write goes. Probot's cache holds 15,000. */
  max?: number;
  now?: () => number;
}

const MARGIN_MS = 5 * 60_000;

/**
 * How long before its expiry a token stops being used: 5 minutes, or half its lifetime for a
 * token that lives less than 10 minutes (GitHub's live an hour), so a short-lived token is still
 * used at all.
 */
export function renewalMargin(lifetimeMs: number): number {
  return Math.min(MARGIN_MS, lifetimeMs / 2);
}

// auth-app stores "token|createdAt|expiresAt|repositorySelection|permissions|singleFileName":
// createdAt is this host's clock when the token was minted, expiresAt GitHub's.
function parse(value: string): { token: string; createdAt: number; expiresAt: number } {
  const [token = "", createdAt = "", expiresAt = ""] = value.split("|");
  return { token, createdAt: Date.parse(createdAt), expiresAt: Date.parse(expiresAt) };
}

export function createTokenCache(options: TokenCacheOptions = {}): TokenCache {
  const max = options.max ?? 15_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, string>();

  function fresh(value: string): boolean {
    const { createdAt, expiresAt } = parse(value);
    // A token without a readable expiry is used until GitHub refuses it.
    if (Number.isNaN(expiresAt) || Number.isNaN(createdAt)) return true;
    return expiresAt - now() > renewalMargin(expiresAt - createdAt);
  }

  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined || fresh(value)) return value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      entries.delete(key);
      if (entries.size >= max) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, value);
    },
    forget(token) {
      for (const [key, value] of entries) if (parse(value).token === token) entries.delete(key);
    },
  };
}
