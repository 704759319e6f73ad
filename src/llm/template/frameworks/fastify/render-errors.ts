import { STATUS_CODES } from "node:http";
import type { ErrorBody } from "../../blueprint/blueprint.js";
import type { ErrorMechanism } from "./error-mechanism.js";

/** @fastify/sensible's reply helpers, by status. */
const SENSIBLE: Record<number, string> = { 400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "notFound", 405: "methodNotAllowed", 409: "conflict", 410: "gone", 422: "unprocessableEntity", 429: "tooManyRequests" };
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Where an error is answered from: the handler's names and what its scope has. */
export interface ErrorContext {
  errors: ErrorMechanism;
  /** @fastify/sensible reaches the route's scope. */
  sensible: boolean;
  /** The instance as the handler reaches it (`fastify`), for `fastify.httpErrors`. */
  receiver: string;
  reply: string;
}

function entry(k: string, v: string): string {
  return `${IDENT.test(k) ? k : JSON.stringify(k)}: ${v}`;
}

/** The JSON the repository's handlers answer errors with, in its keys. */
function repoBody(ctx: ErrorContext, status: number, message: string): string {
  const reason = JSON.stringify(STATUS_CODES[status] ?? "Error");
  const keys = ctx.errors.inlineKeys;
  if (!keys || keys.length === 0 || (keys.includes("statusCode") && keys.includes("message"))) return `{ statusCode: ${status}, error: ${reason}, message: ${message} }`;
  const own = keys.filter((k) => k !== "code").map((k) => (k === "statusCode" || k === "status" ? entry(k, String(status)) : k === "error" && keys.includes("message") ? entry(k, reason) : entry(k, message)));
  return `{ ${own.join(", ")} }`;
}

/**
 * The statement that answers an error: the body the issue shows when it shows one; else the
 * repository's way (`reply.notFound(…)` with @fastify/sensible, a thrown error its error handler
 * shapes, or the JSON its handlers send), else Fastify's own `{ statusCode, error, message }`.
 * `message` is code: a string literal or a variable.
 */
export function errorStatement(ctx: ErrorContext, status: number, message: string, body: ErrorBody): string {
  const send = (json: string) => `return ${ctx.reply}.${ctx.errors.statusMethod}(${status}).send(${json});`;
  if (body.kind === "stated" && typeof body.example === "object" && body.example !== null && !Array.isArray(body.example)) {
    const entries = Object.entries(body.example).map(([k, v]) => entry(k, body.free.includes(k) || v === null || (typeof v === "string" && /^(\.\.\.|…|<.*>)$/.test(v)) ? message : JSON.stringify(v)));
    return send(`{ ${entries.join(", ")} }`);
  }
  const helper = SENSIBLE[status];
  if (ctx.sensible && ctx.errors.style === "httpErrors") return `throw ${ctx.receiver}.httpErrors.${helper ?? "getHttpError"}(${helper ? message : `${status}, ${message}`});`;
  if (ctx.sensible) return helper ? `return ${ctx.reply}.${helper}(${message});` : `return ${ctx.reply}.getHttpError(${status}, ${message});`;
  if (ctx.errors.handler && ctx.errors.style !== "inline") return `throw Object.assign(new Error(${message}), { statusCode: ${status} });`;
  return send(repoBody(ctx, status, message));
}
