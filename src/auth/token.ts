import { errors, jwtVerify, SignJWT } from "jose";
import { type Audience, ISSUER, TokenClaims } from "./schema.js";
import type { Scope } from "./scope.js";

export interface TokenRequest {
  installationId: number;
  repositories?: string[] | undefined;
  audience: Audience;
  /** Lifetime in seconds. */
  ttl: number;
  /** Who the token is for (a person, a machine); defaults to `installation-<id>`. */
  subject?: string | undefined;
}

export type TokenErrorCode = "missing" | "malformed" | "expired" | "bad_signature" | "wrong_audience";

export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

export type VerifyResult = { ok: true; scope: Scope } | { ok: false; error: TokenError };

export const ALGORITHM = "HS256";

export function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function createToken(secret: string, request: TokenRequest, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { inst: request.installationId };
  if (request.repositories && request.repositories.length > 0) claims.repos = request.repositories;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(ISSUER)
    .setSubject(request.subject ?? `installation-${request.installationId}`)
    .setAudience(request.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttl)
    .sign(key(secret));
}

/** The reason jose gave for refusing a token, as one of Archon's error codes. */
export function classify(error: unknown): TokenError {
  if (error instanceof errors.JWTExpired) return new TokenError("expired", "the token has expired");
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenError("bad_signature", "the token's signature does not match");
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
    return new TokenError("wrong_audience", "the token was not made for this service");
  }
  return new TokenError("malformed", "the token is not a valid Archon token");
}

/** Checks signature, issuer, audience and expiry, then the claims' shape; never throws. */
export async function verifyToken(secret: string, token: string | undefined, audience: Audience): Promise<VerifyResult> {
  if (!token) return { ok: false, error: new TokenError("missing", "a bearer token is required") };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience }));
  } catch (error) {
    return { ok: false, error: classify(error) };
  }
  const claims = TokenClaims.safeParse(payload);
  if (!claims.success) return { ok: false, error: new TokenError("malformed", "the token's claims are incomplete") };
  return {
    ok: true,
    scope: { installationId: claims.data.inst, repositories: claims.data.repos, subject: claims.data.sub },
  };
}
