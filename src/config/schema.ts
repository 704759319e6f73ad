import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

function urlWithProtocols(protocols: string[], what: string) {
  return z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected ${what}` },
    );
}

/**
 * Every environment variable Archon reads. The README's configuration table mirrors this schema;
 * a missing or bad value stops the process with one message naming every bad variable.
 */
export const Env = z.object({
  /** GitHub App id, from the App's settings page. Without it `archon serve` runs with no GitHub connection. */
  APP_ID: z.coerce.number().int().positive().optional(),
  /** The App's private key (PEM, newlines may be written as \n). */
  PRIVATE_KEY: optionalText,
  /** Path to the App's private key file, instead of PRIVATE_KEY. */
  PRIVATE_KEY_PATH: optionalText,
  /** Secret GitHub signs webhook deliveries with. */
  WEBHOOK_SECRET: optionalText,
  /** Host name of a GitHub Enterprise Server (e.g. github.example.com); unset means github.com. */
  GHE_HOST: optionalText,
  /**
   * Base URL of GitHub's REST API when it is neither github.com nor a GHE_HOST, e.g. a proxy or a
   * local stand-in for tests (http allowed); wins over GHE_HOST. Unset means https://api.github.com.
   */
  GITHUB_API_URL: urlWithProtocols(["http:", "https:"], "an http(s) URL"),
  /** Address and port `archon serve` listens on. */
  HOST: z.string().default("0.0.0.0"),
  PORT: port.default(3000),
  /** pino level: trace, debug, info, warn, error, fatal. */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** PostgreSQL connection string; unset means the embedded PGlite database under ARCHON_DATA_DIR. */
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "a postgres:// or postgresql:// URL"),
  /** Redis connection string; unset means the in-process queue. */
  REDIS_URL: urlWithProtocols(["redis:", "rediss:"], "a redis:// or rediss:// URL"),
  /**
   * Where the embedded database and local work (workspace copies, run marks) live; a relative path
   * is taken from the current folder. Unset: one folder per user, `$XDG_DATA_HOME/archon` or
   * `~/.local/share/archon` (`%LOCALAPPDATA%\archon` on Windows), so every folder sees the same tasks.
   */
  ARCHON_DATA_DIR: optionalText,
  /** Jobs one worker runs at once. */
  ARCHON_WORKER_CONCURRENCY: positiveInt.default(4),
  /** Seconds a job may stay unacknowledged before another worker claims it. */
  ARCHON_VISIBILITY_TIMEOUT: positiveInt.default(300),
  /** Deliveries of one job before it goes to the dead-letter stream. */
  ARCHON_MAX_DELIVERIES: positiveInt.default(5),
  /**
   * Milliseconds between two edits of a task's status comment: what changes within them (steps
   * finishing close together) makes one edit, written when they are over. The comment itself is
   * created once its task is that old. 0 writes at every change.
   */
  ARCHON_STATUS_COALESCE_MS: z.coerce.number().int().min(0).default(2_000),
  /**
   * Days Archon keeps finished jobs, webhook delivery records and the event times it orders
   * events by; workers prune older rows hourly. At least 4: GitHub can redeliver for 3 days.
   */
  ARCHON_RETENTION_DAYS: z.coerce.number().int().min(4, { message: "expected at least 4 (GitHub can redeliver a webhook for 3 days)" }).default(14),
  /** Seconds between sweeps that ask GitHub to redeliver webhooks Archon failed to receive. */
  ARCHON_REDELIVER_INTERVAL: positiveInt.default(60),
  /** Name of the Redis stream (and prefix of its dead-letter stream). */
  ARCHON_STREAM: z.string().min(1).default("archon:jobs"),
  /** Secret that signs API and MCP tokens (at least 32 characters). Without it the API and /mcp answer 503. */
  ARCHON_JWT_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: "expected at least 32 characters",
  }),
  /** Default provider when a repository does not choose one: template (built in) or openai. */
  ARCHON_PROVIDER: z.enum(["template", "openai"]).default("template"),
  /** Base URL of an OpenAI-compatible chat completions API (OpenAI, Azure, Ollama, vLLM, llama.cpp). */
  OPENAI_BASE_URL: urlWithProtocols(["http:", "https:"], "an http(s) URL").default("https://api.openai.com/v1"),
  /** API key for the OpenAI-compatible endpoint (optional for local servers). */
  OPENAI_API_KEY: optionalText,
  /** Model name sent to the OpenAI-compatible endpoint. */
  ARCHON_MODEL: optionalText,
  /** Seconds one LLM request may take. */
  ARCHON_LLM_TIMEOUT: positiveInt.default(120),
});
export type Env = z.infer<typeof Env>;
