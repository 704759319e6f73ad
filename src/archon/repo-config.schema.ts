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
  /**
   * Commands a model may run by name while it works (`lint: npm run lint`), besides the tests; it
   * can run nothing else. Names are letters, digits, `-` and `_`.
   */
  commands: z
    .record(z.string(), z.string().trim().min(1, "expected a command line, e.g. npm run lint").max(500, "expected a command line of at most 500 characters"))
    .superRefine((commands, ctx) => {
      for (const name of Object.keys(commands)) {
        if (!/^[A-Za-z][A-Za-z0-9_-]{0,49}$/.test(name)) {
          ctx.addIssue({ code: "custom", path: [name], message: "expected a command name of letters, digits, - and _ (e.g. lint, typecheck)" });
        }
      }
    })
    .optional(),
  /**
   * How the `openai` provider works: `loop` (the default) lets the model read, edit and run the
   * tests in a temporary checkout before anything is committed, where there is one (`archon run`)
   * and the model can call tools; `single-shot` asks it once for the whole change.
   */
  agentMode: z.enum(["loop", "single-shot"], { message: 'expected "loop" or "single-shot"' }).optional(),
});
export type RepoConfig = z.infer<typeof RepoConfig>;
