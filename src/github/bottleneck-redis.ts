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
