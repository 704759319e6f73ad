import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { searchDocumentRows } from "../../src/db/document.repository.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { addDocument } from "../../src/kb/add-document.js";
import { testDatabases } from "../support/databases.js";

const MINE = 301;
const THEIRS = 302;

// Every document says "lantern"; the other installation's says it most often and would rank first
// if the candidate bound were applied before the scope.
describe.each(testDatabases())("bounded ranking on $name", (backend) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.db;
    await upsertInstallation(db, { id: MINE, accountLogin: "mine" });
    await upsertInstallation(db, { id: THEIRS, accountLogin: "theirs" });
    await upsertRepository(db, { installationId: MINE, fullName: "mine/app" });
    await upsertRepository(db, { installationId: MINE, fullName: "mine/lib" });
    await upsertRepository(db, { installationId: THEIRS, fullName: "theirs/app" });
    const theirs = await addDocument(db, { installationId: THEIRS }, { kind: "doc", title: "Lantern lantern", body: "lantern lantern lantern lantern", repository: "theirs/app" });
    if (!theirs.ok) throw new Error(theirs.error.message);
    const mine = [
      { title: "Lantern in app", body: "one lantern", repository: "mine/app" },
      { title: "Lantern in lib", body: "lantern and another lantern", repository: "mine/lib" },
      { title: "Installation-wide lantern", body: "lantern lantern lantern" },
      { title: "Lib notes", body: "a lantern", repository: "mine/lib" },
    ];
    for (const doc of mine) {
      const added = await addDocument(db, { installationId: MINE }, { kind: "doc", ...doc });
      if (!added.ok) throw new Error(added.error.message);
    }
  });
  afterAll(async () => handle.close());

  const search = (scope: { installationId: number; repositories?: string[] }, extra: { candidates?: number; limit?: number; offset?: number; repository?: string }) =>
    searchDocumentRows(handle.db, scope, { q: "lantern", limit: extra.limit ?? 10, offset: extra.offset ?? 0, ...extra });

  it("ranks every match when there are fewer than the bound", async () => {
    const { hits, more } = await search({ installationId: MINE }, {});
    expect(hits.map((h) => h.title)).toEqual(["Installation-wide lantern", "Lantern in lib", "Lantern in app", "Lib notes"]);
    expect(more).toBe(false);
  });

  it.each([1, 2, 3])("fills a bound of %i with the caller's own documents only", async (candidates) => {
    const { hits } = await search({ installationId: MINE }, { candidates });
    expect(hits).toHaveLength(candidates);
    expect(hits.every((h) => h.repository === null || h.repository.startsWith("mine/"))).toBe(true);
  });

  it("applies a repository-scoped token and the repository filter before the bound", async () => {
    const libOnly = await search({ installationId: MINE, repositories: ["mine/lib"] }, { candidates: 1 });
    expect(libOnly.hits.map((h) => h.repository)).toEqual(["mine/lib"]);
    const filtered = await search({ installationId: MINE }, { candidates: 2, repository: "MINE/LIB" });
    expect(filtered.hits.map((h) => h.title).sort()).toEqual(["Lantern in lib", "Lib notes"]);
  });

  it("pages within the bound and stops at it", async () => {
    const first = await search({ installationId: MINE }, { candidates: 3, limit: 2 });
    expect(first.hits).toHaveLength(2);
    expect(first.more).toBe(true);
    const second = await search({ installationId: MINE }, { candidates: 3, limit: 2, offset: 2 });
    expect(second.hits).toHaveLength(1);
    expect(second.more).toBe(false);
    expect(second.hits[0]!.snippet).toContain("**lantern**");
  });

  it("gives every returned hit a headline when another page follows", async () => {
    const { hits, more } = await search({ installationId: MINE }, { limit: 3 });
    expect(more).toBe(true);
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(hit.titleHighlight).toContain("**");
      expect(hit.snippet).toContain("**lantern**");
    }
  });

  it("leaves a caller's transaction with its planner settings as they were", async () => {
    const settings = await handle.db.transaction().execute(async (tx) => {
      const { hits } = await searchDocumentRows(tx, { installationId: MINE }, { q: "lantern", limit: 10, offset: 0 });
      const now = await sql<{ seq: string; idx: string }>`select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx`.execute(tx);
      return { found: hits.length, ...now.rows[0]! };
    });
    expect(settings).toEqual({ found: 4, seq: "on", idx: "on" });
  });
});
