import { z } from "zod";

const glob = z
  .string()
  .trim()
  .min(1, "expected a non-empty glob")
  .refine((g) => !g.startsWith("/") && !g.split("/").includes(".."), {
    message: "expected a glob relative to the repository root (no leading / and no ..)",
  });

const login = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "expected a GitHub user name");
const teamSlug = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/, "expected a team slug, e.g. backend or my-org/backend");

/**
 * `.github/archon.yml` in a target repository. Keys are camelCase (`requireApproval`, not
 * `require_approval`), as in most Probot apps' config files; a snake_case key is reported with
 * its camelCase spelling. Unknown keys are errors, so a typo never silently falls back to a default.
 * Every field is optional; an empty or missing file means all defaults.
 */
export const RepoConfig = z.strictObject({
  /** The issue label that makes an issue an Archon task. */
  label: z.string().trim().min(1).max(50).default("archon"),
  /** Wait for `/archon approve` (or the status comment's checkbox) before any agent runs. */
  requireApproval: z.boolean().default(true),
  /** Where agents may write. Workflows under .github/workflows are always forbidden whatever this says. */
  paths: z
    .strictObject({
      /** Globs of files agents may create or change; empty means the whole repository. */
      allowed: z.array(glob).default([]),
      /** Globs agents must never touch; these win over `allowed`. */
      forbidden: z.array(glob).default([]),
    })
    .default({ allowed: [], forbidden: [] }),
  /** The command that runs the tests, e.g. `npm test`; detected from the repository when absent. */
  testCommand: z.string().trim().min(1).max(500).optional(),
  /** How many times Archon tries to fix a red CI run on its own before asking a person. */
  maxFixAttempts: z.number().int().min(0).max(10).default(3),
  /** Open pull requests as drafts, marked ready for review once CI is green. */
  draft: z.boolean().default(true),
  /** Who is asked to review when CI is green. Archon never approves or merges its own work. */
  reviewers: z
    .strictObject({
      users: z.array(login).default([]),
      teams: z.array(teamSlug).default([]),
    })
    .default({ users: [], teams: [] }),
  /** Who does the thinking: `template` (built in, deterministic) or `openai` (any compatible endpoint). */
  provider: z.enum(["template", "openai"]).optional(),
  /** Model name for the `openai` provider; the server's default when absent. */
  model: z.string().trim().min(1).max(200).optional(),
  /** Spending limit per task in US dollars; the task waits for a person when it is reached. */
  budgetUsd: z.number().positive().max(10_000).optional(),
  /** Seconds a local test run may take before it is stopped. */
  testTimeoutSeconds: z.number().int().min(10).max(21_600).default(600),
});
export type RepoConfig = z.infer<typeof RepoConfig>;
