import { randomUUID } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { text as readBody } from "node:stream/consumers";
import { sign } from "@octokit/webhooks-methods";
import nock from "nock";
import { API, type FakeGitHub, type FakeGitHubOptions, createFakeGitHub } from "../../support/github-fake.js";

export const WEBHOOK_SECRET = "fault-suite-secret";

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
  status: number;
  at: number;
}

/** One attempt in GitHub's delivery log, as `GET /app/hook/deliveries` lists it. */
export interface DeliveryAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  body: string;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A fault: looks at a request and may answer it instead of GitHub (`answer`), answer after GitHub
 * did the work (`after`, for "502 after the write"), or hold it until `release` resolves.
 */
export type Fault = (req: { method: string; path: string; body: string; authorization: string | undefined }) =>
  | { answer: Answer }
  | { after: Answer }
  | { hold: Promise<void> }
  | undefined;

function send(res: ServerResponse, answer: Answer): void {
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
  res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
  res.end(text);
}

/**
 * GitHub for Archon's processes: a plain HTTP server on 127.0.0.1 (child processes cannot use
 * nock) in front of the in-memory fake GitHub of the other tests, plus the App endpoints those do
 * not cover (installation tokens, the webhook delivery log and redelivery). It also plays GitHub's
 * webhook sender: `deliver` signs a payload, posts it to Archon and logs the attempt as GitHub would.
 */
export async function startFakeGitHubServer(options: FakeGitHubOptions) {
  const github: FakeGitHub = createFakeGitHub(options);
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  github.intercept();
  const seen: SeenRequest[] = [];
  const attempts: DeliveryAttempt[] = [];
  const tokens: { token: string; issuedAt: number; expiresAt: number; revoked?: boolean }[] = [];
  // GitHub's installation tokens live an hour; a case can make them short.
  let tokenLifetimeMs = 3_600_000;
  const faults: Fault[] = [];
  let webhookUrl: string | undefined;
  let nextAttempt = 1;

  async function forward(method: string, path: string, body: string, headers: IncomingMessage["headers"]): Promise<Answer> {
    const response = await fetch(`${API}${path}`, {
      method,
      headers: { "content-type": "application/json", accept: String(headers.accept ?? "application/json") },
      ...(method === "GET" || method === "HEAD" ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, body: text, headers: { "content-type": response.headers.get("content-type") ?? "application/json" } };
  }

  function appRoute(method: string, path: string): Answer | undefined {
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      const token = `ghs_fault${tokens.length + 1}_${randomUUID().slice(0, 8)}`;
      const expiresAt = Date.now() + tokenLifetimeMs;
      tokens.push({ token, issuedAt: Date.now(), expiresAt });
      return { status: 201, body: { token, expires_at: new Date(expiresAt).toISOString(), permissions: {}, repository_selection: "all" } };
    }
    if (method === "GET" && path.startsWith("/app/hook/deliveries")) {
      const list = [...attempts].reverse().map(({ body: _body, ...a }) => a);
      return { status: 200, body: list };
    }
    const redeliver = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path);
    if (method === "POST" && redeliver) {
      const original = attempts.find((a) => a.id === Number(redeliver[1]));
      if (!original) return { status: 404, body: { message: "Not Found" } };
      // GitHub answers at once and delivers a moment later.
      setTimeout(() => void post(original.event, original.guid, original.body, true), 10);
      return { status: 202, body: {} };
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const path = url.startsWith("/api/v3") ? url.slice("/api/v3".length) : url;
    const body = await readBody(req);
    const authorization = req.headers.authorization;
    const record = (status: number) => seen.push({ method, path, authorization, body, status, at: Date.now() });
    for (const fault of faults) {
      const decided = fault({ method, path, body, authorization });
      if (!decided) continue;
      if ("answer" in decided) {
        record(decided.answer.status);
        return send(res, decided.answer);
      }
      if ("hold" in decided) {
        await decided.hold;
        continue;
      }
      await forward(method, path, body, req.headers);
      record(decided.after.status);
      return send(res, decided.after);
    }
    // As GitHub does, a token it expired or revoked is refused; tokens it never issued pass.
    const presented = tokens.find((t) => authorization === `token ${t.token}`);
    if (presented && (presented.revoked || presented.expiresAt <= Date.now())) {
      record(401);
      return send(res, { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } });
    }
    const answer = appRoute(method, path.split("?")[0]!) ?? (await forward(method, path, body, req.headers));
    record(answer.status);
    send(res, answer);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  /** Posts one signed delivery to Archon and logs the attempt; resolves with Archon's status (0: no answer). */
  async function post(event: string, guid: string, body: string, redelivery: boolean): Promise<number> {
    if (!webhookUrl) throw new Error("no webhook URL: call setWebhookUrl first");
    const payload = JSON.parse(body) as { action?: string };
    let status = 0;
    let text = "Failed to connect to host";
    try {
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": guid,
          "x-hub-signature-256": await sign(WEBHOOK_SECRET, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      text = status < 300 ? "OK" : `Invalid HTTP Response: ${status}`;
      await response.text();
    } catch {
      // No answer at all, as GitHub records a refused or timed-out delivery.
    }
    attempts.push({
      id: nextAttempt++,
      guid,
      delivered_at: new Date().toISOString(),
      redelivery,
      status: text,
      status_code: status,
      event,
      action: payload.action ?? null,
      body,
    });
    return status;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    github,
    seen,
    attempts,
    tokens,
    setWebhookUrl(url: string) {
      webhookUrl = url;
    },
    /** Installation tokens minted from now on expire this long after they are issued. */
    setTokenLifetime(ms: number) {
      tokenLifetimeMs = ms;
    },
    /** Revokes every installation token issued so far: GitHub answers 401 to each from now on. */
    revokeTokens() {
      for (const t of tokens) t.revoked = true;
    },
    /** Adds a fault; returns a function that removes it. */
    inject(fault: Fault): () => void {
      faults.push(fault);
      return () => {
        const i = faults.indexOf(fault);
        if (i >= 0) faults.splice(i, 1);
      };
    },
    /** GitHub sends a webhook: signed, logged, with a new guid unless one is given (a redelivery keeps it). */
    deliver(event: string, payload: object, guid: string = randomUUID()): Promise<number> {
      return post(event, guid, JSON.stringify(payload), false);
    },
    attemptsOf(guid: string): DeliveryAttempt[] {
      return attempts.filter((a) => a.guid === guid);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

export type FakeGitHubServer = Awaited<ReturnType<typeof startFakeGitHubServer>>;
