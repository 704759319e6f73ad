import nock from "nock";
import { type Files, type FakeGit, type TreeChange, createFakeGit } from "./github-fake-git.js";

export const API = "https://api.github.com";
export const BOT = { login: "archon[bot]", type: "Bot" };

export interface LoggedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeIssue {
  number: number;
  node_id: string;
  title: string;
  body: string;
  state: "open" | "closed";
  user: { login: string; type: string };
}

export interface FakePull {
  number: number;
  node_id: string;
  html_url: string;
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  state: "open" | "closed";
  reviewers: string[];
  teams: string[];
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string | null;
  message: string;
  raw_details: string | null;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: FakeAnnotation[];
  app: { slug: string };
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  defaultBranch: string;
  files: Files;
  /** Modes of the default branch's files that are not regular files (100755, 120000), by path. */
  modes?: Record<string, string>;
  /** Collaborator permission per login; anyone else is not a collaborator (404). */
  permissions?: Record<string, "admin" | "maintain" | "write" | "triage" | "read">;
}

type Reply = [number, unknown, Record<string, string>?];
type Route = [method: string, pattern: RegExp, handle: (m: string[], body: unknown, query: URLSearchParams) => Reply];

const notFound: Reply = [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];

/**
 * GitHub's REST (and the one GraphQL mutation Archon sends) for one repository, in memory, behind
 * nock: the repository's git objects, issues, comments, labels, reactions, pull requests and check
 * runs. Every request is logged; a request no route knows is answered 501 and kept in
 * `unexpected`, so a test can fail on it.
 */
export function createFakeGitHub(options: FakeGitHubOptions) {
  const { owner, repo, defaultBranch } = options;
  const git: FakeGit = createFakeGit();
  const base = git.seed(defaultBranch, options.files, new Map(Object.entries(options.modes ?? {})));
  const requests: LoggedRequest[] = [];
  const unexpected: string[] = [];
  const comments = new Map<number, FakeComment>();
  const issueLabels = new Map<number, string[]>();
  const repoLabels = new Set<string>(["bug", "archon"]);
  // Colour and description per label; GitHub creates a label added to an issue grey and bare.
  const labelStyles = new Map<string, { color: string; description: string | null }>();
  const styleOf = (name: string) => labelStyles.get(name) ?? { color: "ededed", description: null };
  const reactions: { commentId: number; content: string }[] = [];
  const pulls = new Map<number, FakePull>();
  const checkRuns: FakeCheckRun[] = [];
  const permissions = new Map(Object.entries(options.permissions ?? {}));
  const deletedIssues = new Set<number>();
  const issues = new Map<number, FakeIssue>();
  let nextId = 1000;
  // Issues Archon opens are numbered apart from the pull requests (100…) and the tests' own issues.
  let nextIssue = 500;
  let nextPull = 100;

  const prefix = `/repos/${owner}/${repo}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  /** A route under the repository: `suffix` is a regular expression source after `/repos/o/r`. */
  const re = (suffix: string) => new RegExp(`^${prefix}${suffix}$`);

  function commentJson(c: FakeComment) {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      html_url: `https://github.com/${owner}/${repo}/issues/${c.issue}#issuecomment-${c.id}`,
    };
  }
  function pullJson(p: FakePull) {
    return {
      number: p.number, node_id: p.node_id, html_url: p.html_url, draft: p.draft, state: p.state,
      title: p.title, body: p.body, user: BOT, head: { ref: p.head }, base: { ref: p.base },
    };
  }
  function runJson(r: FakeCheckRun) {
    return {
      id: r.id, name: r.name, head_sha: r.head_sha, external_id: r.external_id, status: r.status,
      conclusion: r.conclusion, completed_at: r.completed_at, details_url: null, app: r.app,
      html_url: `https://github.com/${owner}/${repo}/runs/${r.id}`,
      output: { ...r.output, annotations_count: r.annotations.length },
    };
  }
  function issueJson(i: FakeIssue) {
    return {
      number: i.number, node_id: i.node_id, title: i.title, body: i.body, state: i.state, user: i.user,
      labels: labelsJson(issueLabels.get(i.number) ?? []),
      html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    };
  }
  function labelsJson(names: string[]) {
    return names.map((name) => ({ name, ...styleOf(name) }));
  }

  const routes: Route[] = [
    ["GET", re(``), () => [200, { full_name: `${owner}/${repo}`, default_branch: defaultBranch }]],
    // Probot's config plugin: the file at the default branch, raw; the org's .github repo has none.
    ["GET", re(`/contents/(.+)`), (m) => {
      const text = git.filesAt(defaultBranch).get(m[1]!);
      return text === undefined ? notFound : [200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" }];
    }],
    ["GET", new RegExp(`^/repos/${owner}/\\.github/contents/.+$`), () => notFound],
    ["GET", re(`/collaborators/([^/]+)/permission`), (m) => {
      const permission = permissions.get(m[1]!);
      return permission === undefined ? notFound : [200, { permission, role_name: permission, user: { login: m[1] } }];
    }],
    // Git Data API.
    ["GET", re(`/git/trees/([^/]+)`), (m) => {
      const tree = git.treeOf(m[1]!);
      if (!tree) return notFound;
      const modes = git.modesAt(tree.sha);
      const entries = [...tree.entries].map(([path, sha]) => ({
        path, mode: modes.get(path), type: "blob", sha, size: Buffer.byteLength(git.blobs.get(sha) ?? ""),
      }));
      return [200, { sha: tree.sha, tree: entries, truncated: false }];
    }],
    ["GET", re(`/git/blobs/([0-9a-f]{40})`), (m) => {
      const content = git.blobs.get(m[1]!);
      if (content === undefined) return notFound;
      return [200, { sha: m[1], encoding: "base64", content: Buffer.from(content).toString("base64") }];
    }],
    ["GET", re(`/git/ref/heads/(.+)`), (m) => {
      const branch = m[1]!;
      const sha = git.refs.get(branch);
      return sha ? [200, { ref: `refs/heads/${branch}`, object: { sha, type: "commit" } }] : notFound;
    }],
    ["GET", re(`/branches/(.+)`), (m) => {
      const branch = m[1]!;
      const commit = git.commits.get(git.refs.get(branch) ?? "");
      return commit ? [200, { name: branch, commit: { sha: commit.sha, commit: { tree: { sha: commit.tree } } } }] : notFound;
    }],
    ["GET", re(`/git/commits/([0-9a-f]{40})`), (m) => {
      const commit = git.commits.get(m[1]!);
      return commit ? [200, { sha: commit.sha, tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })) }] : notFound;
    }],
    ["POST", re(`/git/trees`), (_m, body) => {
      const b = body as { base_tree?: string; tree: TreeChange[] };
      return [201, { sha: git.createTree(b.base_tree, b.tree), truncated: false }];
    }],
    ["POST", re(`/git/commits`), (_m, body) => {
      const b = body as { tree: string; parents: string[]; message: string };
      const commit = git.putCommit(b.tree, b.parents, b.message);
      return [201, { sha: commit.sha, tree: { sha: commit.tree }, message: commit.message }];
    }],
    ["POST", re(`/git/refs`), (_m, body) => {
      const b = body as { ref: string; sha: string };
      const branch = b.ref.replace(/^refs\/heads\//, "");
      if (git.refs.has(branch)) return [422, { message: "Reference already exists" }];
      git.refs.set(branch, b.sha);
      return [201, { ref: b.ref, object: { sha: b.sha } }];
    }],
    ["PATCH", re(`/git/refs/heads/(.+)`), (m, body) => {
      const b = body as { sha: string };
      const branch = m[1]!;
      const current = git.refs.get(branch);
      if (!current) return [422, { message: "Reference does not exist" }];
      if (!git.commits.get(b.sha)?.parents.includes(current)) return [422, { message: "Update is not a fast forward" }];
      git.refs.set(branch, b.sha);
      return [200, { ref: `refs/heads/${branch}`, object: { sha: b.sha } }];
    }],
    // Issues (those Archon opens), comments, reactions, labels.
    ["GET", re(`/issues`), (_m, _b, query) => {
      const creator = query.get("creator");
      const state = query.get("state") ?? "open";
      const found = [...issues.values()]
        .filter((i) => (!creator || i.user.login === creator) && (state === "all" || i.state === state))
        .sort((a, b) => b.number - a.number);
      return [200, found.map(issueJson)];
    }],
    ["POST", re(`/issues`), (_m, body) => {
      const b = body as { title: string; body?: string; labels?: string[] };
      const issue: FakeIssue = { number: nextIssue++, node_id: `I_${nextIssue - 1}`, title: b.title, body: b.body ?? "", state: "open", user: BOT };
      issues.set(issue.number, issue);
      for (const name of b.labels ?? []) repoLabels.add(name);
      issueLabels.set(issue.number, [...(b.labels ?? [])]);
      return [201, issueJson(issue)];
    }],
    ["GET", re(`/issues/(\\d+)`), (m) => {
      const issue = issues.get(Number(m[1]));
      return issue ? [200, issueJson(issue)] : notFound;
    }],
    ["GET", re(`/issues/(\\d+)/comments`), (m) => [
      200, [...comments.values()].filter((c) => c.issue === Number(m[1])).map(commentJson),
    ]],
    ["POST", re(`/issues/(\\d+)/comments`), (m, body) => {
      const c: FakeComment = { id: nextId++, issue: Number(m[1]), body: (body as { body: string }).body, user: BOT };
      comments.set(c.id, c);
      return [201, commentJson(c)];
    }],
    ["GET", re(`/issues/comments/(\\d+)`), (m) => {
      const c = comments.get(Number(m[1]));
      return c ? [200, commentJson(c)] : notFound;
    }],
    ["PATCH", re(`/issues/comments/(\\d+)`), (m, body) => {
      const c = comments.get(Number(m[1]));
      if (!c) return notFound;
      c.body = (body as { body: string }).body;
      return [200, commentJson(c)];
    }],
    ["POST", re(`/issues/comments/(\\d+)/reactions`), (m, body) => {
      const content = (body as { content: string }).content;
      const known = reactions.find((r) => r.commentId === Number(m[1]) && r.content === content);
      if (!known) reactions.push({ commentId: Number(m[1]), content });
      return [known ? 200 : 201, { id: nextId++, content }];
    }],
    ["GET", re(`/issues/(\\d+)/labels`), (m) => [200, labelsJson(issueLabels.get(Number(m[1])) ?? [])]],
    ["POST", re(`/issues/(\\d+)/labels`), (m, body) => {
      const names = (body as { labels: string[] }).labels;
      const now = issueLabels.get(Number(m[1])) ?? [];
      for (const name of names) {
        repoLabels.add(name);
        if (!now.includes(name)) now.push(name);
      }
      issueLabels.set(Number(m[1]), now);
      return [200, labelsJson(now)];
    }],
    ["DELETE", re(`/issues/(\\d+)/labels/(.+)`), (m) => {
      const name = m[2]!;
      const now = issueLabels.get(Number(m[1])) ?? [];
      if (!now.includes(name)) return notFound;
      issueLabels.set(Number(m[1]), now.filter((l) => l !== name));
      return [200, labelsJson(issueLabels.get(Number(m[1]))!)];
    }],
    ["GET", re(`/labels/(.+)`), (m) => (repoLabels.has(m[1]!) ? [200, { name: m[1]! }] : notFound)],
    ["POST", re(`/labels`), (_m, body) => {
      const name = (body as { name: string }).name;
      if (repoLabels.has(name)) return [422, { message: "Validation Failed", errors: [{ code: "already_exists" }] }];
      repoLabels.add(name);
      const b = body as { color?: string; description?: string };
      labelStyles.set(name, { color: b.color ?? "ededed", description: b.description ?? null });
      return [201, { name }];
    }],
    ["PATCH", re(`/labels/(.+)`), (m, body) => {
      const name = m[1]!;
      if (!repoLabels.has(name)) return notFound;
      const b = body as { color?: string; description?: string };
      const style = styleOf(name);
      labelStyles.set(name, { color: b.color ?? style.color, description: b.description ?? style.description });
      return [200, { name, ...styleOf(name) }];
    }],
    // Pull requests.
    ["GET", re(`/pulls`), (_m, _b, query) => {
      const head = query.get("head")?.replace(`${owner}:`, "");
      const state = query.get("state") ?? "open";
      return [200, [...pulls.values()].filter((p) => (!head || p.head === head) && (state === "all" || p.state === state)).map(pullJson)];
    }],
    ["POST", re(`/pulls`), (_m, body) => {
      const b = body as { head: string; base: string; title: string; body: string; draft?: boolean };
      if ([...pulls.values()].some((p) => p.head === b.head && p.state === "open")) {
        return [422, { message: `A pull request already exists for ${owner}:${b.head}.` }];
      }
      const number = nextPull++;
      const pull: FakePull = {
        number, node_id: `PR_${number}`, html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
        head: b.head, base: b.base, title: b.title, body: b.body, draft: b.draft ?? false, state: "open", reviewers: [], teams: [],
      };
      pulls.set(number, pull);
      return [201, pullJson(pull)];
    }],
    ["GET", re(`/pulls/(\\d+)`), (m) => {
      const p = pulls.get(Number(m[1]));
      return p ? [200, pullJson(p)] : notFound;
    }],
    ["PATCH", re(`/pulls/(\\d+)`), (m, body) => {
      const p = pulls.get(Number(m[1]));
      if (!p) return notFound;
      Object.assign(p, body as Partial<FakePull>);
      return [200, pullJson(p)];
    }],
    ["POST", re(`/pulls/(\\d+)/requested_reviewers`), (m, body) => {
      const p = pulls.get(Number(m[1]));
      if (!p) return notFound;
      const b = body as { reviewers?: string[]; team_reviewers?: string[] };
      p.reviewers.push(...(b.reviewers ?? []));
      p.teams.push(...(b.team_reviewers ?? []));
      return [201, pullJson(p)];
    }],
    ["POST", /^\/graphql$/, (_m, body) => {
      const b = body as { query: string; variables: { id: string } };
      // Blobs by oid, aliased b0, b1, …: a text file's text, or null for an object the repository lacks.
      if (b.query.includes("object(oid:")) {
        const blobs = Object.entries(b.variables as Record<string, string>).filter(([name]) => /^b\d+$/.test(name));
        const repository: Record<string, unknown> = Object.fromEntries(blobs.map(([name, oid]) => {
          const text = git.blobs.get(oid);
          return [name, text === undefined ? null : { text, isBinary: false, isTruncated: false }];
        }));
        // The head of a branch asked along: `head: ref(qualifiedName: $head)`.
        if (b.query.includes("ref(qualifiedName: $head)")) {
          const name = (b.variables as Record<string, string>).head?.replace(/^refs\/heads\//, "") ?? "";
          const commit = git.commits.get(git.refs.get(name) ?? "");
          repository.head = commit ? { target: { oid: commit.sha, tree: { oid: commit.tree } } } : null;
        }
        return [200, { data: { repository } }];
      }
      if (!b.query.includes("markPullRequestReadyForReview")) return [400, { message: "unknown query" }];
      const p = [...pulls.values()].find((x) => x.node_id === b.variables.id);
      if (!p) return [200, { errors: [{ message: "not found" }] }];
      p.draft = false;
      return [200, { data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } }];
    }],
    // Check runs.
    ["GET", re(`/commits/([^/]+)/check-runs`), (m, _b, query) => {
      const name = query.get("check_name");
      // GitHub takes a branch name here too.
      const sha = git.refs.get(m[1]!) ?? m[1];
      const runs = checkRuns.filter((r) => r.head_sha === sha && (!name || r.name === name) && (query.get("status") !== "completed" || r.status === "completed"));
      return [200, { total_count: runs.length, check_runs: runs.map(runJson) }];
    }],
    ["POST", re(`/check-runs`), (_m, body) => {
      const b = body as { name: string; head_sha: string; external_id?: string; status?: string; conclusion?: string; output?: FakeCheckRun["output"] };
      const run = addCheckRun({
        name: b.name, head_sha: b.head_sha, external_id: b.external_id ?? null, status: b.status ?? "queued",
        conclusion: b.conclusion ?? null, output: { title: b.output?.title ?? null, summary: b.output?.summary ?? null, text: b.output?.text ?? null },
        app: { slug: "archon" },
      });
      return [201, runJson(run)];
    }],
    ["GET", re(`/check-runs/(\\d+)`), (m) => {
      const run = checkRuns.find((r) => r.id === Number(m[1]));
      return run ? [200, runJson(run)] : notFound;
    }],
    ["PATCH", re(`/check-runs/(\\d+)`), (m, body) => {
      const run = checkRuns.find((r) => r.id === Number(m[1]));
      if (!run) return notFound;
      const b = body as { status?: string; conclusion?: string; output?: Partial<FakeCheckRun["output"]> & { annotations?: FakeAnnotation[] } };
      if (b.status) run.status = b.status;
      if (b.conclusion) run.conclusion = b.conclusion;
      if (b.output) {
        run.output = { title: b.output.title ?? run.output.title, summary: b.output.summary ?? run.output.summary, text: b.output.text ?? run.output.text };
        run.annotations.push(...(b.output.annotations ?? []));
      }
      return [200, runJson(run)];
    }],
    ["GET", re(`/check-runs/(\\d+)/annotations`), (m) => {
      const run = checkRuns.find((r) => r.id === Number(m[1]));
      return run ? [200, run.annotations] : notFound;
    }],
  ];

  function addCheckRun(run: Omit<FakeCheckRun, "id" | "annotations" | "completed_at"> & { annotations?: FakeAnnotation[] }): FakeCheckRun {
    const created: FakeCheckRun = {
      ...run,
      id: nextId++,
      annotations: run.annotations ?? [],
      completed_at: run.status === "completed" ? new Date(Date.UTC(2026, 0, 1, 0, 0, checkRuns.length)).toISOString() : null,
    };
    checkRuns.push(created);
    return created;
  }

  function handle(method: string, uri: string, body: unknown): Reply {
    const url = new URL(uri, API);
    const parsed = typeof body === "string" && body !== "" ? safeJson(body) : body;
    // Octokit escapes the slashes inside `{ref}`; GitHub reads them as slashes.
    const path = decodeURIComponent(url.pathname);
    requests.push({ method, path, query: url.searchParams, body: parsed });
    // GitHub answers 410 Gone for anything on a deleted issue, its comments included.
    const onIssue = /\/issues\/(\d+)(\/|$)/.exec(path)?.[1] ?? /\/issues\/comments\/(\d+)/.exec(path)?.[1];
    const issueNumber = path.includes("/issues/comments/") ? comments.get(Number(onIssue))?.issue : Number(onIssue);
    if (issueNumber !== undefined && deletedIssues.has(issueNumber)) return [410, { message: "This issue was deleted" }];
    for (const [m, pattern, fn] of routes) {
      if (m !== method) continue;
      const match = pattern.exec(path);
      if (match) return fn(match, parsed, url.searchParams);
    }
    unexpected.push(`${method} ${url.pathname}${url.search}`);
    return [501, { message: `the fake GitHub has no route for ${method} ${url.pathname}` }];
  }

  let scope: nock.Scope | undefined;
  // Requests GitHub is slow to carry out: each is applied and answered only after its delay.
  const slow: { method: string; path: RegExp; ms: number }[] = [];
  const delayOf = (method: string, uri: string) =>
    slow.find((s) => s.method === method && s.path.test(new URL(uri, API).pathname))?.ms ?? 0;

  return {
    owner,
    repo,
    defaultBranch,
    base,
    git,
    requests,
    unexpected,
    comments,
    issueLabels,
    reactions,
    labelStyles,
    pulls,
    checkRuns,
    permissions,
    deletedIssues,
    issues,
    addCheckRun,
    /** Adds a comment as if a person wrote it, for edits and redeliveries. */
    addComment(issue: number, body: string, user: { login: string; type: string }): FakeComment {
      const c = { id: nextId++, issue, body, user };
      comments.set(c.id, c);
      return c;
    },
    /** Starts answering api.github.com; interceptors persist until `nock.cleanAll()`. */
    intercept(): nock.Scope {
      scope = nock(API).persist();
      for (const method of ["get", "post", "patch", "put", "delete"] as const) {
        scope[method](/.*/)
          .optionally()
          .reply(async function (uri, body) {
            const delay = delayOf(method.toUpperCase(), uri);
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            const [status, data, headers] = handle(method.toUpperCase(), uri, body);
            return [status, data as nock.Body, { "content-type": "application/json; charset=utf-8", ...headers }];
          });
      }
      return scope;
    },
    /** From now on GitHub carries out (and answers) requests matching `method` and `path` `ms` late. */
    slowDown(method: string, path: RegExp, ms: number): void {
      slow.push({ method, path, ms });
    },
    /** Requests matching a method and a path pattern (path relative to the repository when it starts with `/`+word). */
    count(method: string, path: RegExp): number {
      return requests.filter((r) => r.method === method && path.test(r.path)).length;
    },
    /** GraphQL requests whose query names `field` (a mutation, or `object(oid:` for blob reads). */
    graphql(field: string): number {
      return requests.filter((r) => r.path === "/graphql" && ((r.body as { query?: string } | null)?.query ?? "").includes(field)).length;
    },
    commentsOn(issue: number): FakeComment[] {
      return [...comments.values()].filter((c) => c.issue === issue);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type FakeGitHub = ReturnType<typeof createFakeGitHub>;
