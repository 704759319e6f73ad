import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, wwwAuthenticate } from "./bearer.js";
import type { Audience } from "./schema.js";
import type { Scope } from "./scope.js";
import { verifyToken } from "./token.js";

export type AuthOutcome =
  | { ok: true; scope: Scope }
  | { ok: false; status: 401 | 503; message: string; headers: Record<string, string> };

/** The bearer token of a request, verified for one audience; no secret configured means 503. */
export async function authenticateRequest(
  headers: IncomingHttpHeaders,
  secret: string | undefined,
  audience: Audience,
): Promise<AuthOutcome> {
  if (!secret) {
    return { ok: false, status: 503, message: "tokens are not configured on this server (ARCHON_JWT_SECRET is unset)", headers: {} };
  }
  const verified = await verifyToken(secret, bearerToken(headers), audience);
  if (verified.ok) return verified;
  return {
    ok: false,
    status: 401,
    message: verified.error.message,
    headers: { "WWW-Authenticate": wwwAuthenticate(verified.error.code) },
  };
}
