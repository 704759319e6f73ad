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
 * The promise `cache` holds under `key`, or `load()`'s, kept there so every caller shares one
 * read. A failed read is not an answer: it leaves the cache, and the next caller reads again.
 */
export function readOnce<V>(cache: Map<string, Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const pending = load();
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  return pending;
}

/**
 * A blob cache that forgets its oldest entries past `max`, so a long-running worker that reads
 * many repositories keeps a bounded amount of file text in memory.
 */
export function createBoundedBlobCache(max = 5_000): BlobCache {
  return createBoundedMap(max);
}
