import autocannon from "autocannon";
import { deliveryId } from "./delivery.js";
import { type Summary, summarise } from "./stats.js";

export interface FireOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds to fire for; or `amount` deliveries, whichever is given. */
  durationS?: number;
  amount?: number;
}

export interface FireResult {
  connections: number;
  durationS: number;
  sent: number;
  /** Delivery ids answered 2xx: the server said they are recorded. */
  acknowledged: string[];
  non2xx: number;
  errors: number;
  timeouts: number;
  deliveriesPerS: number;
  /** Response times in ms of every answered request. */
  latencyMs: Summary;
}

/**
 * Fires signed deliveries with autocannon, each with an `X-GitHub-Delivery` of its own, and keeps
 * which ids were acknowledged so the caller can check them against the database.
 */
export async function fire(options: FireOptions): Promise<FireResult> {
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  let sent = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const ids = new WeakMap<object, string>();
  const settings: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
    requests: [
      {
        method: "POST",
        body: options.body,
        setupRequest(request, context) {
          const id = deliveryId();
          sent++;
          ids.set(context, id);
          return { ...request, headers: { ...options.headers, "x-github-delivery": id } };
        },
        onResponse(status, _body, context) {
          const id = ids.get(context);
          if (id && status >= 200 && status < 300) acknowledged.push(id);
        },
      },
    ],
  };
  const instance = autocannon(settings, (error, result) => (error ? fail(error) : finish(result)));
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  return {
    connections: options.connections,
    durationS: result.duration,
    sent,
    acknowledged,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    deliveriesPerS: acknowledged.length / result.duration,
    latencyMs: summarise(latencies),
  };
}
