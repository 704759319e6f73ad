import type { RepositoryFacts } from "../../../domain/plan.js";
import type { FileChange, RepoView } from "../../../domain/forge.js";
import type { Blueprint, EndpointRole, FieldSpec, HttpMethod, JsonValue } from "../blueprint/blueprint.js";
import type { TestCase } from "../testgen/test-plan.js";

export type FrameworkId = "express" | "fastify" | "fastapi";

/** Why the template provider stops, in one sentence, and what a person can do about it. */
export interface Decline {
  reason: string;
  /** What to add to the issue or change in the repository, when something would help. */
  add?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; decline: Decline };

/** A route the repository already serves. */
export interface ExistingRoute {
  method: HttpMethod;
  /** Full path, every mount prefix applied, Express style: `/api/health/heartbeat`, `/notes/:id`. */
  path: string;
  file: string;
  /** Names of the authentication guards the route passes through (dependencies, middleware, hooks). */
  guards: string[];
}

/** A collection the repository already serves, as far as its code shows. */
export interface ExistingResource {
  /** Full path of the collection: `/shortener`. */
  basePath: string;
  idName: string;
  idType: "integer" | "string" | "uuid" | "unknown";
  /** Fields a client sends when creating one, read from its validation or model. */
  fields: FieldSpec[];
  /** The roles its routes already serve. */
  roles: EndpointRole[];
  /** Roles its store or service can do that no route exposes yet (a service's unused `update`). */
  storeCan: EndpointRole[];
}

/** A constant the repository defines at module level. */
export interface RepoConstant {
  file: string;
  name: string;
  value: JsonValue;
}

/** An authentication guard the repository's routes use. */
export interface Guard {
  /** As written where routes use it: `get_current_user`, `security.validate_request`, `authenticate`. */
  name: string;
  file: string;
  /** Full paths of the routes it guards. */
  guards: string[];
  scheme: "bearer" | "header" | "unknown";
  /** The header it reads, for `header` guards. */
  header?: string;
}

export interface Written {
  code: FileChange[];
  tests: FileChange[];
  /** Names of the test cases written, in order. */
  testNames: string[];
  /** What the change follows, for the pull request: "Mounted under `/api` through `api/routes/router.py`.". */
  notes: string[];
}

/** What a framework reader learned about a repository, and how to write into it. */
export interface RepoReading {
  framework: FrameworkId;
  routes: ExistingRoute[];
  resources: ExistingResource[];
  constants: RepoConstant[];
  guards: Guard[];
  /** The status the repository's validation answers an invalid request with by default. */
  validationStatus: number;
  /** Where an item or a list sits in the repository's success answers, when it wraps them (`{ data: … }` → `["data"]`). */
  envelope?: { path: string[] };
  /** Renders the blueprint and its tests into the repository's files. */
  write(blueprint: Blueprint, tests: TestCase[]): Promise<Result<Written>>;
}

/** One framework the template provider writes for; chosen from `FRAMEWORKS` by the repository's facts. */
export interface Framework {
  id: FrameworkId;
  read(repo: RepoView, facts: RepositoryFacts): Promise<Result<RepoReading>>;
}
