import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, wwwAuthenticate } from "./bearer.js";
import { type RunnerGrant, verifyRunnerToken } from "./runner-token.js";
import type { Audience } from "./schema.js";
import type { Scope } from "./scope.js";
import { type TokenErrorCode, verifyToken } from "./token.js";

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

export type RunnerAuthOutcome =
  | { ok: true; grant: RunnerGrant }
  | { ok: false; status: 401 | 503; code?: TokenErrorCode; message: string; headers: Record<string, string> };

/** The bearer token of a runner's request, verified as a runner token for one attempt. */
export async function authenticateRunnerRequest(headers: IncomingHttpHeaders, secret: string | undefined): Promise<RunnerAuthOutcome> {
  if (!secret) {
    return { ok: false, status: 503, message: "tokens are not configured on this server (ARCHON_JWT_SECRET is unset)", headers: {} };
  }
  const verified = await verifyRunnerToken(secret, bearerToken(headers));
  if (verified.ok) return verified;
  const { code, message } = verified.error;
  return { ok: false, status: 401, code, message, headers: { "WWW-Authenticate": wwwAuthenticate(code) } };
}
