import { readOnce } from "./bounded-blob-cache.js";
import type { RepoTarget } from "./client.js";
import type { PinnedBase } from "./github-commit.js";
import { type BlobCache, decodeText } from "./github-view.js";

// One GraphQL query reads this many blobs at most; more are split over several queries.
const BLOBS_PER_QUERY = 50;

interface GraphQLBlob {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
}

async function fetchBlob(target: RepoTarget, sha: string): Promise<string | undefined> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
  const encoding = data.encoding === "utf-8" ? "utf8" : "base64";
  return decodeText(Buffer.from(data.content, encoding));
}

interface GraphQLHead {
  target: { oid?: string; tree?: { oid?: string } } | null;
}

function blobsQuery(count: number, withHead: boolean): string {
  const names = Array.from({ length: count }, (_, i) => `b${i}`);
  const params = names.map((n) => `$${n}: GitObjectID!`).join(", ");
  const fields = names.map((n) => `${n}: object(oid: $${n}) { ... on Blob { text isBinary isTruncated } }`).join(" ");
  const head = withHead ? " head: ref(qualifiedName: $head) { target { oid ... on Commit { tree { oid } } } }" : "";
  return `query($owner: String!, $repo: String!, ${params}${withHead ? ", $head: String!" : ""}) { repository(owner: $owner, name: $repo) { ${fields}${head} } }`;
}

function pinnedOf(head: GraphQLHead | null | undefined): PinnedBase | undefined {
  const commit = head?.target?.oid;
  const tree = head?.target?.tree?.oid;
  return commit !== undefined && tree !== undefined ? { commit, tree } : undefined;
}

/**
 * Blobs by sha in one GraphQL query. GitHub's text of a blob it cut short, or whose bytes were not
 * UTF-8 (it substitutes U+FFFD), is not the file: those are read through REST to be sure.
 */
async function fetchBlobs(target: RepoTarget, shas: string[], head?: HeadAsked): Promise<(string | undefined)[]> {
  const { octokit, owner, repo } = target;
  const variables = Object.fromEntries(shas.map((sha, i) => [`b${i}`, sha]));
  const query = blobsQuery(shas.length, head !== undefined);
  const data = await octokit.graphql<{ repository: Record<string, GraphQLBlob | null> & { head?: GraphQLHead | null } }>(query, {
    owner,
    repo,
    ...variables,
    ...(head ? { head: `refs/heads/${head.branch}` } : {}),
  });
  head?.answer(pinnedOf(data.repository.head));
  return Promise.all(
    shas.map((sha, i) => {
      const blob = data.repository[`b${i}`] as GraphQLBlob | null | undefined;
      if (blob === null || blob === undefined || blob.isTruncated || blob.text?.includes("\uFFFD")) return fetchBlob(target, sha);
      if (blob.isBinary || blob.text === null || blob.text.includes("\0")) return undefined;
      return blob.text;
    }),
  );
}

export interface BlobReader {
  /** The blob's text (undefined for binary), read once per cache. */
  read(sha: string): Promise<string | undefined>;
  /** Reads these blobs along with the next read, in the same request. */
  prefetch(shas: readonly string[]): void;
  /**
   * Asks, in the query of the next blobs read, for the commit `branch` names and its root tree:
   * `answer` gets them (undefined when the branch is gone). No request goes out for this alone.
   */
  headAlong(branch: string, answer: (base: PinnedBase | undefined) => void): void;
}

interface HeadAsked {
  branch: string;
  answer: (base: PinnedBase | undefined) => void;
}

interface Waiting {
  sha: string;
  resolve: (text: string | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads blobs through `blobs`, batching: every blob asked for before the event loop turns goes
 * out in one request (REST for a single blob, GraphQL for several), so an agent that reads ten
 * files at once costs one request rather than ten.
 */
export function createBlobReader(target: RepoTarget, blobs: BlobCache): BlobReader {
  let queue: Waiting[] = [];
  let head: HeadAsked | undefined;

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += BLOBS_PER_QUERY) {
      const chunk = batch.slice(i, i + BLOBS_PER_QUERY);
      const asked = head;
      head = undefined;
      try {
        const texts =
          chunk.length === 1 && asked === undefined
            ? [await fetchBlob(target, chunk[0]!.sha)]
            : await fetchBlobs(target, chunk.map((w) => w.sha), asked);
        chunk.forEach((w, j) => w.resolve(texts[j]));
      } catch (error) {
        for (const w of chunk) w.reject(error);
      }
    }
  }

  function enqueue(sha: string): Promise<string | undefined> {
    return readOnce(
      blobs,
      sha,
      () =>
        new Promise<string | undefined>((resolve, reject) => {
          if (queue.length === 0) setImmediate(() => void flush());
          queue.push({ sha, resolve, reject });
        }),
    );
  }

  return {
    read: enqueue,
    prefetch(shas) {
      for (const sha of shas) void enqueue(sha).catch(() => undefined);
    },
    headAlong(branch, answer) {
      head = { branch, answer };
    },
  };
}
