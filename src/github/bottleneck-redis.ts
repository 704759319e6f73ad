import Bottleneck from "bottleneck";

type ScriptCallback = (error: Error | null, replies: unknown) => void;
interface ScriptArgs {
  __scriptArgs__(name: string, id: string, args: unknown[], callback: ScriptCallback): unknown[];
  archonRecovers?: true;
}

/** The replies Bottleneck's scripts send when Redis lost its keys, as Bottleneck expects to read them. */
const RECOVERABLE = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)$/;

/**
 * Probot's cluster throttling (Bottleneck over ioredis) recovers from a flushed or restarted Redis
 * by recognising its scripts' errors "SETTINGS_KEY_NOT_FOUND" and "UNKNOWN_CLIENT" and setting the
 * limiter up again. Redis 7 prefixes a script's error with "ERR ", which Bottleneck 2.19 (its last
 * release) does not recognise, so after a flush every GitHub call through the limiter failed until
 * its keys came back by chance. This hands those two errors to Bottleneck as it expects them.
 * Idempotent; applies to every IORedisConnection in the process, Probot's included.
 */
export function recoverBottleneckAfterRedisLoss(): void {
  const proto = Bottleneck.IORedisConnection.prototype as unknown as ScriptArgs;
  if (proto.archonRecovers) return;
  const original = proto.__scriptArgs__;
  proto.__scriptArgs__ = function (this: unknown, name, id, args, callback) {
    return original.call(this, name, id, args, (error, replies) => {
      const lost = error ? RECOVERABLE.exec(error.message) : null;
      if (error && lost) error.message = lost[1]!;
      callback(error, replies);
    });
  };
  proto.archonRecovers = true;
}

/**
 * The limiters on which plugin-throttling schedules an empty job before a request, only to space
 * requests out (writes 1 s apart, notifying writes 3 s, searches 2 s): one slot each, cluster-wide.
 */
const SPACING_LIMITER = /^octokit-(write|notifications|search)-/;

/**
 * How long an empty spacing job may hold its slot in the cluster: its wait (at most the spacing,
 * 3 s) and nothing else.
 */
export const SPACING_JOB_EXPIRATION_MS = 10_000;

interface Schedulable {
  id: string;
  schedule(...args: unknown[]): Promise<unknown>;
  archonSpacing?: true;
}

/**
 * In cluster mode plugin-throttling gives every job, request or empty spacing job, a 60 s
 * expiration: what frees the slot of a process that died holding it. A spacing job holds its
 * slot while it waits its turn, up to 3 s, so a worker killed then stopped every process's
 * writes for up to a minute. This gives the spacing jobs an expiration of 10 s; requests keep
 * theirs. Idempotent; applies to every Bottleneck limiter in the process.
 */
export function expireSpacingJobsSooner(): void {
  const proto = Bottleneck.prototype as unknown as Schedulable;
  if (proto.archonSpacing) return;
  const schedule = proto.schedule;
  proto.schedule = function (this: Schedulable, ...args: unknown[]) {
    const options = args[0];
    if (typeof options === "object" && options !== null && SPACING_LIMITER.test(this.id)) {
      const { expiration } = options as { expiration?: number | null };
      if (typeof expiration === "number" && expiration > SPACING_JOB_EXPIRATION_MS) args[0] = { ...options, expiration: SPACING_JOB_EXPIRATION_MS };
    }
    return schedule.apply(this, args);
  };
  proto.archonSpacing = true;
}
