import nock from "nock";
import { describe, expect, it } from "vitest";
import { createGitHubForge } from "../../src/github/github-forge.js";
import { API, testOctokit, useNock } from "./octokit.js";

const BASE = "b".repeat(40);
const BASE_TREE = "1".repeat(40);
const NEW_TREE = "2".repeat(40);
const COMMIT = "c".repeat(40);
const author = { name: "archon[bot]", email: "1+archon[bot]@users.noreply.github.com" };
const changes = [
  { action: "create" as const, path: "src/routes/todos.js", content: "export {};\n" },
  { action: "modify" as const, path: "bin/run.sh", content: "#!/bin/sh\n" },
  { action: "delete" as const, path: "old.txt" },
];
const request = { branch: "archon/issue-7", base: "main", message: "Add todos endpoint", changes, author };
// The modes the steps recorded with their changes: here, every changed path is a regular file.
const recorded = { ...request, modes: {} };

function forge() {
  return createGitHubForge({ octokit: testOctokit(), owner: "acme", repo: "api" });
}

describe("createGitHubForge", () => {
  useNock();

  it("creates the branch with one tree, one commit and one ref", async () => {
    let treeBody: any;
    let commitBody: any;
    const scope = nock(API)
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/api/git/ref/heads%2Fmain")
      .reply(200, { object: { sha: BASE } })
      .get(`/repos/acme/api/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .post("/repos/acme/api/git/trees", (body) => (treeBody = body))
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits", (body) => (commitBody = body))
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs", { ref: "refs/heads/archon/issue-7", sha: COMMIT })
      .reply(201, { ref: "refs/heads/archon/issue-7", object: { sha: COMMIT } });
    const f = forge();

    const result = await f.commit({ ...recorded, coAuthor: { name: "Ada", email: "ada@example.com" } });

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: true, branchCreated: true });
    expect(treeBody).toEqual({
      base_tree: BASE_TREE,
      tree: [
        { path: "src/routes/todos.js", mode: "100644", type: "blob", content: "export {};\n" },
        { path: "bin/run.sh", mode: "100644", type: "blob", content: "#!/bin/sh\n" },
        { path: "old.txt", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(commitBody).toMatchObject({
      message: "Add todos endpoint\n\nCo-authored-by: Ada <ada@example.com>",
      tree: NEW_TREE,
      parents: [BASE],
      author,
    });
    expect(f.requestCount()).toBe(6);
    scope.done();
  });

  it("makes no commit when the branch already holds the same tree", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(200, { object: { sha: COMMIT } })
      .get(`/repos/acme/api/git/commits/${COMMIT}`)
      .reply(200, { sha: COMMIT, tree: { sha: NEW_TREE } })
      .post("/repos/acme/api/git/trees", (body) => body.base_tree === NEW_TREE)
      .reply(201, { sha: NEW_TREE, tree: [] });

    const result = await forge().commit(recorded);

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: false, branchCreated: false });
    scope.done();
  });

  it("fast-forwards an existing branch without force", async () => {
    const next = "d".repeat(40);
    const scope = nock(API)
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(200, { object: { sha: COMMIT } })
      .get(`/repos/acme/api/git/commits/${COMMIT}`)
      .reply(200, { sha: COMMIT, tree: { sha: NEW_TREE } })
      .post("/repos/acme/api/git/trees")
      .reply(201, { sha: "3".repeat(40), tree: [] })
      .post("/repos/acme/api/git/commits", (body) => body.parents[0] === COMMIT)
      .reply(201, { sha: next })
      .patch("/repos/acme/api/git/refs/heads%2Farchon%2Fissue-7", { sha: next, force: false })
      .reply(200, { object: { sha: next } });

    const result = await forge().commit({ ...recorded, message: "Fix the failing test" });

    expect(result).toEqual({ sha: next, branch: "archon/issue-7", created: true, branchCreated: false });
    scope.done();
  });

  it("starts over on top of the branch when another writer created it first", async () => {
    const theirs = "e".repeat(40);
    const scope = nock(API)
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(404, {})
      .get("/repos/acme/api/git/ref/heads%2Fmain")
      .reply(200, { object: { sha: BASE } })
      .get(`/repos/acme/api/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .post("/repos/acme/api/git/trees")
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(422, { message: "Reference already exists" })
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .times(2)
      .reply(200, { object: { sha: theirs } })
      .get(`/repos/acme/api/git/commits/${theirs}`)
      .reply(200, { sha: theirs, tree: { sha: NEW_TREE } })
      .post("/repos/acme/api/git/trees")
      .reply(201, { sha: NEW_TREE, tree: [] });

    const result = await forge().commit(recorded);

    expect(result).toEqual({ sha: theirs, branch: "archon/issue-7", created: false, branchCreated: false });
    scope.done();
  });

  it("creates a new branch on a pinned base without reading the branch or the base: tree, commit, ref", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/git/trees", (body) => body.base_tree === BASE_TREE)
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits", (body) => body.parents[0] === BASE)
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs", { ref: "refs/heads/archon/issue-7", sha: COMMIT })
      .reply(201, {});
    const f = forge();

    const result = await f.commit({ ...recorded, base: BASE, baseTree: BASE_TREE, newBranch: true });

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: true, branchCreated: true });
    expect(f.requestCount()).toBe(3);
    scope.done();
  });

  it("a branch thought new that a first run of the job already made: no second commit, and not new", async () => {
    const orphan = "f".repeat(40);
    const scope = nock(API)
      .post("/repos/acme/api/git/trees", (body) => body.base_tree === BASE_TREE)
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: orphan })
      .post("/repos/acme/api/git/refs")
      .reply(422, { message: "Reference already exists" })
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .times(2)
      .reply(200, { object: { sha: COMMIT } })
      .get(`/repos/acme/api/git/commits/${COMMIT}`)
      .reply(200, { sha: COMMIT, tree: { sha: NEW_TREE } })
      .post("/repos/acme/api/git/trees", (body) => body.base_tree === NEW_TREE)
      .reply(201, { sha: NEW_TREE, tree: [] });

    const result = await forge().commit({ ...recorded, base: BASE, baseTree: BASE_TREE, newBranch: true });

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: false, branchCreated: false });
    scope.done();
  });

  it("keeps the modes the steps recorded, on a worker that never read the base tree, without reading it", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/git/trees", (body) => body.tree[0].mode === "100644" && body.tree[1].mode === "100755")
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(201, {});
    const f = forge();

    await f.commit({ ...request, base: BASE, baseTree: BASE_TREE, newBranch: true, modes: { "bin/run.sh": "100755" } });

    expect(f.requestCount()).toBe(3);
    scope.done();
  });

  it("reads the base tree once for the modes a request does not carry, when no step of this worker read it", async () => {
    const scope = nock(API)
      .get(`/repos/acme/api/git/trees/${BASE_TREE}`)
      .query({ recursive: "1" })
      .reply(200, {
        sha: BASE_TREE,
        truncated: false,
        tree: [
          { path: "bin/run.sh", mode: "100755", type: "blob", sha: "a2".repeat(20), size: 10 },
          { path: "current", mode: "120000", type: "blob", sha: "a3".repeat(20), size: 4 },
        ],
      })
      .post("/repos/acme/api/git/trees", (body) => body.tree[0].mode === "100755" && body.tree[1].mode === "120000")
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(201, {});
    const f = forge();

    await f.commit({
      ...request, base: BASE, baseTree: BASE_TREE, newBranch: true,
      changes: [
        { action: "modify", path: "bin/run.sh", content: "#!/bin/sh\nexit 0\n" },
        { action: "modify", path: "current", content: "releases/2" },
      ],
    });

    expect(f.requestCount()).toBe(4);
    scope.done();
  });

  it("pins a branch with one request and views it with the tree read once for forges sharing a cache", async () => {
    const blobs = new Map();
    const scope = nock(API)
      .get("/repos/acme/api/branches/main")
      .reply(200, { name: "main", commit: { sha: BASE, commit: { tree: { sha: BASE_TREE } } } })
      .get(`/repos/acme/api/git/trees/${BASE_TREE}`)
      .query({ recursive: "1" })
      .reply(200, {
        sha: BASE_TREE,
        truncated: false,
        tree: [{ path: "bin/run.sh", mode: "100755", type: "blob", sha: "a2".repeat(20), size: 10 }],
      })
      .get("/repos/acme/api/branches/gone")
      .reply(404, { message: "Branch not found" })
      .post("/repos/acme/api/git/trees", (body) => body.tree[0].mode === "100755")
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(201, {});
    const first = createGitHubForge({ octokit: testOctokit(), owner: "acme", repo: "api" }, blobs);

    const base = await first.pin("main");
    expect(base).toEqual({ commit: BASE, tree: BASE_TREE });
    expect(await first.pin("gone")).toBeUndefined();
    expect((await (await first.viewPinned(base!)).files()).map((e) => e.path)).toEqual(["bin/run.sh"]);
    // The next job's forge: the tree is not read again, and its modes reach the commit.
    const next = createGitHubForge({ octokit: testOctokit(), owner: "acme", repo: "api" }, blobs);
    expect((await (await next.viewPinned(base!)).files()).map((e) => e.path)).toEqual(["bin/run.sh"]);
    const committer = createGitHubForge({ octokit: testOctokit(), owner: "acme", repo: "api" }, blobs);
    await committer.commit({
      ...request, base: BASE, baseTree: BASE_TREE, newBranch: true,
      changes: [{ action: "modify", path: "bin/run.sh", content: "#!/bin/sh\nexit 0\n" }],
    });
    scope.done();
  });

  it("reads the tree once and a small tree's blobs in one request, keeping file modes for the next commit", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/git/trees/main")
      .query({ recursive: "1" })
      .reply(200, {
        sha: BASE_TREE,
        truncated: false,
        tree: [
          { path: "src", mode: "040000", type: "tree", sha: "9".repeat(40) },
          { path: "src/index.js", mode: "100644", type: "blob", sha: "a1".repeat(20), size: 12 },
          { path: "bin/run.sh", mode: "100755", type: "blob", sha: "a2".repeat(20), size: 10 },
          { path: "logo.png", mode: "100644", type: "blob", sha: "a3".repeat(20), size: 4 },
          { path: "vendor/lib", mode: "160000", type: "commit", sha: "a4".repeat(20) },
        ],
      })
      // A tree this small is read whole at the first read, in one GraphQL query.
      .post("/graphql", (body) => body.variables.b0 === "a2".repeat(20) && body.variables.b1 === "a3".repeat(20) && body.variables.b2 === "a1".repeat(20))
      .reply(200, {
        data: {
          repository: {
            b0: { text: "#!/bin/sh\n", isBinary: false, isTruncated: false },
            b1: { text: null, isBinary: true, isTruncated: false },
            b2: { text: "console.log(1)\n", isBinary: false, isTruncated: false },
          },
        },
      })
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(404, {})
      .get("/repos/acme/api/git/ref/heads%2Fmain")
      .reply(200, { object: { sha: BASE } })
      .get(`/repos/acme/api/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .post("/repos/acme/api/git/trees", (body) => body.tree[0].mode === "100755")
      .reply(201, { sha: NEW_TREE, tree: [] })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(201, {});
    const f = forge();

    const view = await f.view("main");
    expect((await view.files()).map((e) => e.path)).toEqual(["bin/run.sh", "logo.png", "src/index.js"]);
    expect(await view.read("src/index.js")).toBe("console.log(1)\n");
    expect(await view.read("./src/index.js")).toBe("console.log(1)\n");
    expect(await view.read("logo.png")).toBeUndefined();
    expect(await view.read("missing.txt")).toBeUndefined();
    await f.commit({ ...request, changes: [{ action: "modify", path: "bin/run.sh", content: "#!/bin/sh\nexit 0\n" }] });
    expect(f.requestCount()).toBe(8);
    scope.done();
  });

  it("walks the tree one directory at a time when GitHub truncates the recursive listing", async () => {
    const src = "5".repeat(40);
    const scope = nock(API)
      .get("/repos/acme/api/git/trees/main")
      .query({ recursive: "1" })
      .reply(200, { sha: BASE_TREE, truncated: true, tree: [] })
      .get(`/repos/acme/api/git/trees/${BASE_TREE}`)
      .reply(200, {
        sha: BASE_TREE,
        tree: [
          { path: "src", mode: "040000", type: "tree", sha: src },
          { path: "README.md", mode: "100644", type: "blob", sha: "a1".repeat(20), size: 3 },
        ],
      })
      .get(`/repos/acme/api/git/trees/${src}`)
      .reply(200, { sha: src, tree: [{ path: "app.js", mode: "100644", type: "blob", sha: "a2".repeat(20), size: 5 }] });

    const view = await forge().view("main");

    expect(await view.files()).toEqual([
      { path: "README.md", sha: "a1".repeat(20), size: 3 },
      { path: "src/app.js", sha: "a2".repeat(20), size: 5 },
    ]);
    scope.done();
  });

  it.each([
    ["main", "heads%2Fmain", { object: { sha: BASE } }, BASE],
    ["gone", "heads%2Fgone", undefined, undefined],
  ])("resolves branch %s", async (ref, path, reply, expected) => {
    const scope = nock(API).get(`/repos/acme/api/git/ref/${path}`).reply(reply ? 200 : 404, reply ?? {});
    expect(await forge().resolve(ref)).toBe(expected);
    scope.done();
  });

  it("resolves a sha and asks for the default branch once", async () => {
    const scope = nock(API)
      .get(`/repos/acme/api/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .get("/repos/acme/api")
      .reply(200, { default_branch: "trunk" });
    const f = forge();
    expect(await f.resolve(BASE)).toBe(BASE);
    expect(await f.defaultBranch()).toBe("trunk");
    expect(await f.defaultBranch()).toBe("trunk");
    expect(f.requestCount()).toBe(2);
    scope.done();
  });
});
