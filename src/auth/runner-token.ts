import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { ISSUER, RepositoryFullName } from "./schema.js";
import { ALGORITHM, classify, key, TokenError } from "./token.js";

/**
 * Tokens for one agent attempt running in the target repository's own Actions runner. Their
 * audience is of their own, so an API or MCP token is never a runner token and the other way round.
 */
export const RUNNER_AUDIENCE = "archon-runner";

/** Which attempt a runner works on: a plan step, or the fix round after CI or review. */
export interface RunAttempt {
  taskId: string;
  planVersion: number;
  /** A plan step's position, or "round" for a fix round over the whole pull request. */
  step: number | "round";
  attempt: number;
}

const RUN_KEY = /^task-(\d{1,18})\/plan-(\d{1,9})\/(?:step-(\d{1,9})|round)\/attempt-(\d{1,9})$/;

/** `task-12/plan-1/step-3/attempt-2`, or `task-12/plan-1/round/attempt-2` for a fix round. */
export function formatRunKey(run: RunAttempt): string {
  const step = run.step === "round" ? "round" : `step-${run.step}`;
  return `task-${run.taskId}/plan-${run.planVersion}/${step}/attempt-${run.attempt}`;
}

export function parseRunKey(text: string): RunAttempt | undefined {
  const match = RUN_KEY.exec(text);
  if (!match) return undefined;
  return { taskId: match[1]!, planVersion: Number(match[2]), step: match[3] === undefined ? "round" : Number(match[3]), attempt: Number(match[4]) };
}

export interface RunnerGrant {
  installationId: number;
  /** Repository full name (`owner/name`) the runner works in. */
  repository: string;
  taskId: string;
  /** The attempt, as `formatRunKey` writes it. */
  runKey: string;
}

export interface RunnerTokenRequest extends RunnerGrant {
  /** Lifetime in seconds: as long as the attempt may take, no longer. */
  ttl: number;
}

export type RunnerVerifyResult = { ok: true; grant: RunnerGrant } | { ok: false; error: TokenError };

const RunnerClaims = z.object({
  iss: z.literal(ISSUER),
  sub: z.string().min(1),
  aud: z.union([z.literal(RUNNER_AUDIENCE), z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
  inst: z.number().int().min(0),
  repo: RepositoryFullName,
  task: z.string().regex(/^\d{1,18}$/),
  run: z.string().regex(RUN_KEY),
});

export async function createRunnerToken(secret: string, request: RunnerTokenRequest, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ inst: request.installationId, repo: request.repository, task: request.taskId, run: request.runKey })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(ISSUER)
    .setSubject(`runner-${request.runKey}`)
    .setAudience(RUNNER_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttl)
    .sign(key(secret));
}

/** Checks signature, issuer, audience and expiry, then that the run key belongs to the task; never throws. */
export async function verifyRunnerToken(secret: string, token: string | undefined): Promise<RunnerVerifyResult> {
  if (!token) return { ok: false, error: new TokenError("missing", "a bearer token is required") };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: RUNNER_AUDIENCE }));
  } catch (error) {
    return { ok: false, error: classify(error) };
  }
  const claims = RunnerClaims.safeParse(payload);
  if (!claims.success || parseRunKey(claims.data.run)?.taskId !== claims.data.task) {
    return { ok: false, error: new TokenError("malformed", "the token's claims are incomplete") };
  }
  const { inst, repo, task, run } = claims.data;
  return { ok: true, grant: { installationId: inst, repository: repo, taskId: task, runKey: run } };
}
