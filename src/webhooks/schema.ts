import { z } from "zod";

// Only the fields Archon reads are kept; zod drops the rest, so a job row stays small.

const Account = z.object({ login: z.string(), type: z.string().default("User") });
const User = z.object({ login: z.string(), type: z.string().default("User") });

export const Repo = z.object({
  id: z.number(),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  default_branch: z.string().default("main"),
  private: z.boolean().default(false),
});
export type Repo = z.infer<typeof Repo>;

const Installation = z.object({ id: z.number() });
const RepoRef = z.object({ id: z.number(), full_name: z.string(), private: z.boolean().default(false) });

export const InstallationPayload = z.object({
  action: z.string(),
  installation: Installation.extend({ account: Account }),
  repositories: z.array(RepoRef).optional(),
});

export const InstallationRepositoriesPayload = z.object({
  action: z.string(),
  installation: Installation.extend({ account: Account }),
  repositories_added: z.array(RepoRef).default([]),
  repositories_removed: z.array(RepoRef).default([]),
});

const Label = z.object({ name: z.string() });
const Issue = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable().default(null),
  labels: z.array(Label).default([]),
  user: User,
  state: z.string().default("open"),
  pull_request: z.unknown().optional(),
  /** When the issue last changed; for a label event, when the label was added or removed. */
  updated_at: z.string().optional(),
});

export const IssuesPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  issue: Issue,
  label: Label.optional(),
  sender: User,
});

export const IssueCommentPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  issue: Issue,
  comment: z.object({ id: z.number(), body: z.string().nullable().default(""), user: User }),
  changes: z.object({ body: z.object({ from: z.string() }).optional() }).optional(),
  sender: User,
});

const PullRef = z.object({ number: z.number() });

export const CheckRunPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  check_run: z.object({
    id: z.number(),
    name: z.string(),
    head_sha: z.string(),
    external_id: z.string().nullable().default(null),
    conclusion: z.string().nullable(),
    html_url: z.string().nullable().default(null),
    app: z.object({ slug: z.string().nullable().optional() }).nullable().optional(),
    check_suite: z.object({ head_branch: z.string().nullable() }).nullable().optional(),
    pull_requests: z.array(PullRef).default([]),
    output: z.object({ title: z.string().nullable().optional(), summary: z.string().nullable().optional() }).optional(),
  }),
});

export const CheckSuitePayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  check_suite: z.object({
    id: z.number(),
    head_sha: z.string(),
    head_branch: z.string().nullable(),
    conclusion: z.string().nullable(),
    pull_requests: z.array(PullRef).default([]),
  }),
});

export const WorkflowRunPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullable().default("workflow"),
    head_sha: z.string(),
    head_branch: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string().nullable().default(null),
    pull_requests: z.array(PullRef).default([]),
  }),
});

export const PullRequestPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  pull_request: z.object({
    number: z.number(),
    merged: z.boolean().nullable().default(false),
    merge_commit_sha: z.string().nullable().default(null),
    head: z.object({ ref: z.string(), sha: z.string() }),
    title: z.string(),
    html_url: z.string().nullable().default(null),
  }),
  sender: User,
});

export const PullRequestReviewPayload = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repo,
  review: z.object({ state: z.string(), body: z.string().nullable().default(null), user: User }),
  pull_request: z.object({ number: z.number(), head: z.object({ ref: z.string(), sha: z.string() }) }),
  sender: User,
});
