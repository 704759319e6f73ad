import type { BlobCache } from "./github-view.js";

/**
 * A blob cache that forgets its oldest entries past `max`, so a long-running worker that reads
 * many repositories keeps a bounded amount of file text in memory.
 */
export function createBoundedBlobCache(max = 5_000): BlobCache {
  const cache: BlobCache = new Map();
  const set = cache.set.bind(cache);
  cache.set = (key, value) => {
    if (!cache.has(key) && cache.size >= max) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return set(key, value);
  };
  return cache;
}
