import type { DeadLetter, JobRef } from "./queue.js";

/** One entry as XREADGROUP, XAUTOCLAIM and XRANGE return it. */
export type StreamEntry = [id: string, fields: string[]];

/** Whether Redis answered that the consumer group (or its stream) does not exist. */
export function isNoGroup(error: unknown): boolean {
  return error instanceof Error && error.message.includes("NOGROUP");
}

/** A stream entry's flat field list as an object. */
export function fieldsOf(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i] as string] = fields[i + 1] as string;
  return out;
}

/** The job reference a queue entry carries. */
export function refOf(fields: string[]): JobRef {
  const f = fieldsOf(fields);
  return { jobId: f.job ?? "", kind: f.kind ?? "" };
}

/** A dead letter read back from the dead-letter stream. */
export function deadLetterOf([id, raw]: StreamEntry): DeadLetter {
  const f = fieldsOf(raw);
  return {
    id,
    jobId: f.job ?? "",
    kind: f.kind ?? "",
    error: f.error ?? "",
    deliveries: Number(f.deliveries ?? 0),
    at: new Date(f.at ?? Number(id.split("-")[0])),
  };
}

/** Fails the multi's first failed command, as a single command would. */
export function checkExec(results: [Error | null, unknown][] | null): void {
  for (const [error] of results ?? []) if (error) throw error;
}
