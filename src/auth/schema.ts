import { z } from "zod";

export const Audience = z.enum(["archon-api", "archon-mcp"]);
export type Audience = z.infer<typeof Audience>;

export const ISSUER = "archon";

/** `owner/name`, as GitHub spells repository full names. */
export const RepositoryFullName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "expected owner/name");

/** The claims Archon puts in its tokens, checked again after the signature is verified. */
export const TokenClaims = z.object({
  iss: z.literal(ISSUER),
  sub: z.string().min(1),
  aud: z.union([Audience, z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
  /** Installation id. */
  inst: z.number().int().min(0),
  /** Repositories the token is limited to; absent means every repository of the installation. */
  repos: z.array(RepositoryFullName).min(1).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;
