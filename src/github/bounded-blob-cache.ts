import type { BlobCache } from "./github-view.js";

/** A map that forgets its oldest entries past `max`. */
export function createBoundedMap<V>(max: number): Map<string, V> {
  const cache = new Map<string, V>();
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

/**
 * A blob cache that forgets its oldest entries past `max`, so a long-running worker that reads
 * many repositories keeps a bounded amount of file text in memory.
 */
export function createBoundedBlobCache(max = 5_000): BlobCache {
  return createBoundedMap(max);
}
