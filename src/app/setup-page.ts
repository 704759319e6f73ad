import type { IncomingMessage, ServerResponse } from "node:http";

export const SETUP_MESSAGE = `Archon is running without GitHub App credentials, so it receives no webhooks.
To connect it to GitHub:
  1. Register a GitHub App with the permissions and events listed in app.yml
     (GitHub → Settings → Developer settings → GitHub Apps → New GitHub App), with the webhook URL
     https://<your host>/api/github/webhooks and a webhook secret.
  2. Generate a private key for the App.
  3. Set APP_ID, PRIVATE_KEY_PATH (or PRIVATE_KEY) and WEBHOOK_SECRET, then start archon serve again.
The REST API, the MCP endpoint and /healthz work meanwhile; local mode (archon run) needs none of this.`;

/** `/` and the webhook path explain how to register the App when it is not configured. */
export function createSetupHandler(webhookPath: string) {
  return function setup(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "").split("?")[0];
    if (path === webhookPath) {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "app_not_configured", message: SETUP_MESSAGE } }));
      return true;
    }
    if (path !== "/" || req.method !== "GET") return false;
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(`${SETUP_MESSAGE}\n`);
    return true;
  };
}
