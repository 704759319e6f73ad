import { z } from "zod";

const flag = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === "true" || value === "false", { message: `${name} must be true or false` })
    .transform((value) => value === "true");

/** The Action's inputs as `action.yml` declares them; `core.getInput` gives every one as a string. */
export const ActionInputs = z.object({
  githubToken: z.string().min(1, "github-token is empty: pass a token with checks: write"),
  /** Globs of JUnit XML files, separated by newlines or commas; `!pattern` excludes. */
  reports: z
    .string()
    .transform((value) =>
      value
        .split(/[\n,]/)
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== ""),
    )
    .refine((patterns) => patterns.some((pattern) => !pattern.startsWith("!")), {
      message: "reports names no glob: give one or more JUnit XML paths or globs",
    }),
  name: z.string().trim().min(1, "name is empty").max(255),
  failOnFailure: flag("fail-on-failure"),
  annotateOnlyChangedFiles: flag("annotate-only-changed-files"),
});
export type ActionInputs = z.infer<typeof ActionInputs>;
