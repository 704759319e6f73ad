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

    const result = await f.commit({ ...request, coAuthor: { name: "Ada", email: "ada@example.com" } });

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: true });
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

    const result = await forge().commit(request);

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: false });
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

    const result = await forge().commit({ ...request, message: "Fix the failing test" });

    expect(result).toEqual({ sha: next, branch: "archon/issue-7", created: true });
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

    const result = await forge().commit(request);

    expect(result).toEqual({ sha: theirs, branch: "archon/issue-7", created: false });
    scope.done();
  });

  it("reads the tree once and each blob once, keeping file modes for the next commit", async () => {
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
      .get(`/repos/acme/api/git/blobs/${"a1".repeat(20)}`)
      .reply(200, { content: Buffer.from("console.log(1)\n").toString("base64"), encoding: "base64" })
      .get(`/repos/acme/api/git/blobs/${"a3".repeat(20)}`)
      .reply(200, { content: Buffer.from([0x89, 0x50, 0x4e, 0x00]).toString("base64"), encoding: "base64" })
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
    expect(f.requestCount()).toBe(9);
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
