import type { TaskSpec } from "../../src/domain/task-spec.js";
import type { AuthSpec, BodySpec, Condition, EndpointRole, EndpointSpec, FieldSpec, Hints, ResourceSpec, StorageSpec, TaskUnderstanding } from "../../src/understand/spec.js";

/** `["GET /notes/:id", "get", 200]`: method and full path, role, success status. */
export type EndpointRow = [string, EndpointRole, number];

export interface OutcomeRow {
  endpoint: string;
  status: number;
  when: Condition;
  body?: Partial<BodySpec>;
}

/** One way a maintainer writes an issue, and what Archon must read from it. */
export interface CorpusRow {
  name: string;
  task: Partial<TaskSpec> & { title: string };
  /** Every endpoint, in order. */
  endpoints?: EndpointRow[];
  /** Parts of single endpoints, by "METHOD /path". */
  detail?: Record<string, Partial<EndpointSpec>>;
  resource?: Partial<Omit<ResourceSpec, "fields">>;
  /** Fields of the resource that must be there, each compared with objectContaining. */
  fields?: Array<Partial<FieldSpec>>;
  /** Names that must not be fields of the resource. */
  notFields?: string[];
  outcomes?: OutcomeRow[];
  storage?: StorageSpec;
  auth?: AuthSpec;
  hints?: Partial<Hints>;
  summary?: string;
  /** Anything else worth checking, with plain expect calls. */
  check?: (task: TaskUnderstanding) => void;
  /** Set for issues Archon must decline, with the exact reason. */
  missing?: { reason: string; add?: string };
}

export function task(title: string, description = "", acceptanceCriteria: string[] = []): CorpusRow["task"] {
  return { title, description, acceptanceCriteria };
}
