import type { IncomingHttpHeaders } from "node:http";

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/** RFC 6750: tell the client which scheme and why, without echoing the token. */
export function wwwAuthenticate(code: string): string {
  return code === "missing" ? 'Bearer realm="archon"' : `Bearer realm="archon", error="invalid_token"`;
}
