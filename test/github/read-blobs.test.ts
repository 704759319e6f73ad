import nock from "nock";
import { describe, expect, it } from "vitest";
import { createBlobReader } from "../../src/github/read-blobs.js";
import { API, testOctokit, useNock } from "./octokit.js";

const sha = (n: number) => n.toString(16).padStart(40, "0");
const target = () => ({ octokit: testOctokit(), owner: "acme", repo: "api" });
const rest = (text: string) => ({ content: Buffer.from(text).toString("base64"), encoding: "base64" });

describe("createBlobReader", () => {
  useNock();

  it("reads blobs asked for at once in one GraphQL query, and each blob once", async () => {
    let variables: Record<string, string> = {};
    const scope = nock(API)
      .post("/graphql", (body) => ((variables = body.variables), true))
      .reply(200, {
        data: {
          repository: {
            b0: { text: "one\n", isBinary: false, isTruncated: false },
            b1: { text: "two\n", isBinary: false, isTruncated: false },
            b2: { text: "nul\0", isBinary: false, isTruncated: false },
            b3: { text: null, isBinary: true, isTruncated: false },
          },
        },
      });
    const reader = createBlobReader(target(), new Map());

    const texts = await Promise.all([1, 2, 3, 4].map((n) => reader.read(sha(n))));

    expect(texts).toEqual(["one\n", "two\n", undefined, undefined]);
    expect(variables).toEqual({ owner: "acme", repo: "api", b0: sha(1), b1: sha(2), b2: sha(3), b3: sha(4) });
    expect(await reader.read(sha(2))).toBe("two\n");
    scope.done();
  });

  it("reads a single blob through REST", async () => {
    const scope = nock(API).get(`/repos/acme/api/git/blobs/${sha(1)}`).reply(200, rest("only\n"));
    expect(await createBlobReader(target(), new Map()).read(sha(1))).toBe("only\n");
    scope.done();
  });

  it("reads through REST what GraphQL cut short, substituted or did not find", async () => {
    const scope = nock(API)
      .post("/graphql")
      .reply(200, {
        data: {
          repository: {
            b0: { text: "cut", isBinary: false, isTruncated: true },
            b1: { text: "caf\uFFFD", isBinary: false, isTruncated: false },
            b2: null,
          },
        },
      })
      .get(`/repos/acme/api/git/blobs/${sha(1)}`)
      .reply(200, rest("cut short by GraphQL\n"))
      .get(`/repos/acme/api/git/blobs/${sha(2)}`)
      .reply(200, { content: Buffer.from([0x63, 0x61, 0x66, 0xe9]).toString("base64"), encoding: "base64" })
      .get(`/repos/acme/api/git/blobs/${sha(3)}`)
      .reply(200, rest("found\n"));
    const reader = createBlobReader(target(), new Map());

    const texts = await Promise.all([1, 2, 3].map((n) => reader.read(sha(n))));

    // Latin-1 bytes are not UTF-8: binary to the agents, as a REST read says.
    expect(texts).toEqual(["cut short by GraphQL\n", undefined, "found\n"]);
    scope.done();
  });

  it("prefetched blobs go out with the next read; a failed read is asked again", async () => {
    const scope = nock(API)
      .post("/graphql", (body) => Object.keys(body.variables).length === 4)
      .reply(502, { message: "Bad Gateway" })
      .post("/graphql", (body) => Object.keys(body.variables).length === 4)
      .reply(200, {
        data: {
          repository: {
            b0: { text: "a", isBinary: false, isTruncated: false },
            b1: { text: "b", isBinary: false, isTruncated: false },
          },
        },
      });
    const reader = createBlobReader(target(), new Map());

    reader.prefetch([sha(1)]);
    await expect(reader.read(sha(2))).rejects.toThrow();
    reader.prefetch([sha(1)]);
    expect(await reader.read(sha(2))).toBe("b");
    scope.done();
  });
});
