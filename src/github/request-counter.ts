import type { GitHubClient } from "./client.js";

interface Counter {
  count: number;
}

// One hook per octokit, however many forges share it: hooks cannot be removed cheaply and a
// long-lived installation client would otherwise collect one per job.
const counters = new WeakMap<GitHubClient, Counter>();

/** Returns a function giving the number of requests sent through `octokit` since this call. */
export function countRequests(octokit: GitHubClient): () => number {
  let counter = counters.get(octokit);
  if (counter === undefined) {
    const created: Counter = { count: 0 };
    octokit.hook.before("request", () => {
      created.count += 1;
    });
    counters.set(octokit, created);
    counter = created;
  }
  const seen = counter;
  const start = seen.count;
  return () => seen.count - start;
}
