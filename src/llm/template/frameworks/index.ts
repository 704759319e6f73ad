import type { RepositoryFacts } from "../../../domain/plan.js";
import { express } from "./express/index.js";
import { fastapi } from "./fastapi/index.js";
import { fastify } from "./fastify/index.js";
import type { Framework } from "./framework.js";

/**
 * The frameworks the template provider writes for, by the name repository detection gives. A new
 * framework is one folder here implementing `Framework`, and one line in this table.
 */
export const FRAMEWORKS: Partial<Record<RepositoryFacts["framework"], Framework>> = {
  express,
  fastify,
  fastapi,
};
