import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../src/auth/scope.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { addDocument } from "../../src/kb/add-document.js";
import { deleteDocument, updateDocument } from "../../src/kb/change-document.js";
import { getDocument } from "../../src/kb/get-document.js";
import { listSources } from "../../src/kb/list-sources.js";
import type { NewDocument } from "../../src/kb/schema.js";
import { searchDocuments } from "../../src/kb/search-documents.js";
import { testDatabases } from "../support/databases.js";

const A: Scope = { installationId: 101 };
const B: Scope = { installationId: 202 };

const corpus: NewDocument[] = [
  {
    kind: "doc",
    title: "Webhook retries and redelivery",
    body: "GitHub never redelivers a failed webhook by itself. The sweeper lists failed deliveries and asks for another attempt.",
    repository: "acme/api",
  },
  {
    kind: "adr",
    title: "Use PostgreSQL as the source of truth",
    body: "Redis is transport only. A job lost from the stream is found again by the reconciler. Webhook deliveries are recorded first.",
    repository: "acme/api",
  },
  {
    kind: "snippet",
    title: "Express router example",
    body: "const router = express.Router(); router.get('/users', listUsers); export default router;",
    repository: "acme/web",
  },
  {
    kind: "doc",
    title: "Release checklist",
    body: "Tag the release, publish the changelog, announce it. Nothing about hooks here.",
  },
];

describe.each(testDatabases())("knowledge base on $name", (backend) => {
  let handle: DatabaseHandle;
  const ids: string[] = [];

  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.db;
    await upsertInstallation(db, { id: 101, accountLogin: "acme" });
    await upsertInstallation(db, { id: 202, accountLogin: "other" });
    await upsertRepository(db, { installationId: 101, fullName: "acme/api" });
    await upsertRepository(db, { installationId: 101, fullName: "acme/web" });
    await upsertRepository(db, { installationId: 202, fullName: "other/secret" });
    for (const doc of corpus) {
      const added = await addDocument(db, A, doc);
      if (!added.ok) throw new Error(added.error.message);
      ids.push(added.value.id);
    }
    const theirs = await addDocument(db, B, { kind: "doc", title: "Webhook secrets of B", body: "webhook webhook webhook", repository: "other/secret" });
    if (!theirs.ok) throw new Error(theirs.error.message);
    ids.push(theirs.value.id);
  });
  afterAll(async () => handle.close());

  it("puts the best match first and a title hit above a body hit", async () => {
    const page = await searchDocuments(handle.db, A, { q: "webhook" });
    expect(page.results.map((r) => r.title)).toEqual(["Webhook retries and redelivery", "Use PostgreSQL as the source of truth"]);
    expect(page.results[0]!.rank).toBeGreaterThan(page.results[1]!.rank);
    expect(page.nextOffset).toBeNull();
  });

  it("marks the matched words in the snippet and the title", async () => {
    const [hit] = (await searchDocuments(handle.db, A, { q: "reconciler" })).results;
    expect(hit?.snippet).toContain("**reconciler**");
    const [titled] = (await searchDocuments(handle.db, A, { q: "router" })).results;
    expect(titled?.titleHighlight).toBe("Express **router** example");
  });

  it("understands web-search syntax: phrases and exclusions", async () => {
    const phrase = await searchDocuments(handle.db, A, { q: '"source of truth"' });
    expect(phrase.results.map((r) => r.id)).toEqual([ids[1]]);
    const excluded = await searchDocuments(handle.db, A, { q: "webhook -redis" });
    expect(excluded.results.map((r) => r.id)).toEqual([ids[0]]);
  });

  it("filters by repository and kind, and pages", async () => {
    expect((await searchDocuments(handle.db, A, { q: "webhook", kind: "adr" })).results.map((r) => r.id)).toEqual([ids[1]]);
    expect((await searchDocuments(handle.db, A, { q: "webhook", repository: "acme/web" })).results).toEqual([]);
    const first = await searchDocuments(handle.db, A, { q: "webhook", limit: 1 });
    expect(first.results).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
    const second = await searchDocuments(handle.db, A, { q: "webhook", limit: 1, offset: 1 });
    expect(second.results.map((r) => r.id)).toEqual([ids[1]]);
  });

  it("never shows another installation's documents", async () => {
    const mine = await searchDocuments(handle.db, A, { q: "secrets" });
    expect(mine.results).toEqual([]);
    expect((await getDocument(handle.db, A, ids[4]!)).ok).toBe(false);
    expect((await getDocument(handle.db, B, ids[0]!)).ok).toBe(false);
    expect((await updateDocument(handle.db, A, ids[4]!, { title: "mine now" })).ok).toBe(false);
    expect((await deleteDocument(handle.db, A, ids[4]!)).ok).toBe(false);
    const wrongRepo = await addDocument(handle.db, A, { kind: "doc", title: "x", body: "y", repository: "other/secret" });
    expect(wrongRepo).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("limits a repository-scoped token to its repositories", async () => {
    const webOnly: Scope = { installationId: 101, repositories: ["acme/web"] };
    expect((await searchDocuments(handle.db, webOnly, { q: "webhook" })).results).toEqual([]);
    expect((await searchDocuments(handle.db, webOnly, { q: "router" })).results).toHaveLength(1);
    expect((await getDocument(handle.db, webOnly, ids[0]!)).ok).toBe(false);
    expect(await listSources(handle.db, webOnly)).toEqual([
      expect.objectContaining({ repository: "acme/web", documents: 1, kinds: { snippet: 1 } }),
    ]);
  });

  it("lists sources with counts by kind", async () => {
    const sources = await listSources(handle.db, A);
    expect(sources.map((s) => [s.repository, s.documents, s.kinds])).toEqual([
      [null, 1, { doc: 1 }],
      ["acme/api", 2, { adr: 1, doc: 1 }],
      ["acme/web", 1, { snippet: 1 }],
    ]);
  });

  it("finds updated text and forgets deleted documents", async () => {
    const added = await addDocument(handle.db, A, { kind: "doc", title: "Draft", body: "nothing yet" });
    if (!added.ok) throw new Error("insert failed");
    await updateDocument(handle.db, A, added.value.id, { body: "kangaroo migration notes" });
    expect((await searchDocuments(handle.db, A, { q: "kangaroo" })).results.map((r) => r.id)).toEqual([added.value.id]);
    await deleteDocument(handle.db, A, added.value.id);
    expect((await searchDocuments(handle.db, A, { q: "kangaroo" })).results).toEqual([]);
  });
});
