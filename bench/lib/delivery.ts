import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";

// The package's main is a JSON file; require keeps the import free of JSON module attributes.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Record<string, unknown>[] }[];

export const BENCH_INSTALLATION_ID = 4242;

/** The real `issues.labeled` example, labeled with Archon's default task label, from an installation. */
export function issuesLabeledBody(): string {
  const found = examples.find((e) => e.name === "issues")?.examples.find((p) => p.action === "labeled");
  if (!found) throw new Error("no issues.labeled example in @octokit/webhooks-examples");
  const payload = structuredClone(found) as Record<string, any>;
  payload.installation = { id: BENCH_INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  payload.label = { ...(payload.label ?? {}), name: "archon" };
  return JSON.stringify(payload);
}

/** `X-Hub-Signature-256` exactly as GitHub computes it. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Headers of one delivery except its id: the signature covers the body only, so one signature
 * serves every delivery and each request just gets a fresh `X-GitHub-Delivery`.
 */
export function deliveryHeaders(secret: string, body: string, event = "issues"): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/bench",
    "x-github-event": event,
    "x-github-hook-id": "1",
    "x-github-hook-installation-target-type": "integration",
    "x-hub-signature-256": signature(secret, body),
  };
}

export function deliveryId(): string {
  return randomUUID();
}
