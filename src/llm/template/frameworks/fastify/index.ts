import type { EndpointRole } from "../../../../understand/spec.js";
import { exportedConstants } from "../../jsts/constants.js";
import { loadJsProject } from "../../jsts/project.js";
import type { ExistingResource, Framework, RepoReading } from "../framework.js";
import { readFastify } from "./fastify-model.js";
import { guardsOf } from "./guards.js";
import { writeFastify } from "./write-fastify.js";

const ALL_ROLES: EndpointRole[] = ["list", "get", "create", "replace", "update", "delete", "count"];

/** Fastify 4 and 5: apps, plugins, fastify-plugin, @fastify/autoload and fastify-cli apps; JS or TS, ESM or CommonJS. */
export const fastify: Framework = {
  id: "fastify",
  async read(repo, facts) {
    const project = await loadJsProject(repo);
    const m = await readFastify(repo, facts, project);
    if (!m) return { ok: false, decline: { reason: "I could not find where the Fastify app is created (no `Fastify()` call, and no plugin that `fastify start` runs).", add: "Say which file builds the app." } };
    const resources: ExistingResource[] = m.collections.map((c) => {
      const roles = [...new Set(c.routes.map((r) => r.role))];
      const can = c.service ? (Object.keys(c.service.methods) as EndpointRole[]) : c.store ? ALL_ROLES : [];
      return { basePath: c.basePath, idName: c.idName, idType: c.idType, fields: c.fields, roles, storeCan: can.filter((r) => !roles.includes(r)) };
    });
    const reading: RepoReading = {
      framework: "fastify",
      routes: m.served.filter((r) => r.reg.method !== "ALL").map((r) => ({ method: r.reg.method as Exclude<typeof r.reg.method, "ALL">, path: r.path, file: r.reg.file, guards: guardsOf(r.path, m.guards) })),
      resources,
      constants: exportedConstants(project),
      guards: m.guards,
      validationStatus: m.errors.validationStatus,
      write: (bp, tests) => writeFastify(m, bp, tests),
    };
    return { ok: true, value: reading };
  },
};
