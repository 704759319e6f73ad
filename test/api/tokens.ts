import { createToken } from "../../src/auth/token.js";

export const SECRET = "test-secret-that-is-long-enough-for-hs256";

export function token(installationId: number, audience: "archon-api" | "archon-mcp" = "archon-api", repositories?: string[]) {
  return createToken(SECRET, { installationId, audience, ttl: 3600, repositories, subject: `tester-${installationId}` });
}

/** Flips one character of the signature so it no longer matches. */
export function tamper(jwt: string): string {
  const last = jwt.at(-2) === "A" ? "B" : "A";
  return `${jwt.slice(0, -2)}${last}${jwt.at(-1)}`;
}

/** Rewrites the claims (say, another installation) and keeps the original signature. */
export function forgeClaims(jwt: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split(".");
  const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString("base64url");
  return `${header}.${forged}.${signature}`;
}
