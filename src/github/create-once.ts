import { isUncertain } from "./client.js";

export interface CreateOnceSteps<T> {
  /** Looks the object up by its idempotency key (stored id, marker, external id, branch). */
  find: () => Promise<T | undefined>;
  /** Creates it; must be sent with NO_RETRY so octokit never resends it on its own. */
  create: () => Promise<T>;
  /** Create attempts after uncertain failures (5xx, no answer). */
  attempts?: number;
  /**
   * Nothing can exist under the key yet (it was made just now, or no earlier attempt ever
   * started): the first look-up is skipped. After an uncertain failure the look-up still runs.
   */
  knownAbsent?: boolean;
}

export interface CreateOnceResult<T> {
  value: T;
  /** True when this call made the object, including a write GitHub did but answered 5xx to. */
  created: boolean;
}

/**
 * Look up, create, and after an uncertain failure look up again before the next attempt, so
 * the object exists exactly once however the network behaves.
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>): Promise<CreateOnceResult<T>> {
  const existing = steps.knownAbsent === true ? undefined : await steps.find();
  if (existing !== undefined) return { value: existing, created: false };
  const attempts = steps.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await steps.create(), created: true };
    } catch (error) {
      if (!isUncertain(error) || attempt >= attempts) throw error;
      const written = await steps.find();
      if (written !== undefined) return { value: written, created: true };
    }
  }
}
