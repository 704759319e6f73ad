import type { IncomingMessage, ServerResponse } from "node:http";

export type Check = () => Promise<void>;

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * `/healthz`: the process is up. `/readyz`: every dependency answers; a failing one is named with
 * its error, and the status is 503 so load balancers stop sending work.
 */
export function createHealthHandler(checks: Record<string, Check>, timeoutMs = 2_000) {
  return async function health(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path === "/healthz") return send(res, 200, { status: "ok" });
    if (path !== "/readyz") return false;
    const results: Record<string, { ok: boolean; error?: string }> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          results[name] = { ok: true };
        } catch (error) {
          results[name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const ok = Object.values(results).every((r) => r.ok);
    return send(res, ok ? 200 : 503, { status: ok ? "ready" : "unavailable", checks: results });
  };
}
