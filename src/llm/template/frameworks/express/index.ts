import type { EndpointRole } from "../../../../understand/spec.js";
import { exportedConstants } from "../../jsts/constants.js";
import { loadJsProject } from "../../jsts/project.js";
import type { ExistingResource, Framework, RepoReading } from "../framework.js";
import { readExpress } from "./express-model.js";
import { guardsOf } from "./guards.js";
import { writeExpress } from "./write-express.js";

/** Express 4 and 5, JavaScript or TypeScript, CommonJS or ES modules. */
export const express: Framework = {
  id: "express",
  async read(repo, facts) {
    const project = await loadJsProject(repo);
    const m = await readExpress(repo, facts, project);
    if (!m) return { ok: false, decline: { reason: "I could not find where the Express app is created (no `express()` call in the sources).", add: "Say which file builds the app." } };
    const resources: ExistingResource[] = m.collections.map((c) => {
      const roles = [...new Set(c.routes.map((r) => r.role))];
      const can = c.service ? (Object.keys(c.service.methods) as EndpointRole[]) : c.store ? (["list", "get", "create", "replace", "update", "delete", "count"] as EndpointRole[]) : [];
      return { basePath: c.basePath, idName: c.idName, idType: c.idType, fields: c.fields, roles, storeCan: can.filter((r) => !roles.includes(r)) };
    });
    const reading: RepoReading = {
      framework: "express",
      routes: m.served.filter((r) => r.reg.method !== "ALL").map((r) => ({ method: r.reg.method as Exclude<typeof r.reg.method, "ALL">, path: r.path, file: r.reg.file, guards: guardsOf(r.reg, r.path, m.guards) })),
      resources,
      constants: exportedConstants(project),
      guards: m.guards,
      validationStatus: 400,
      ...(m.envelope ? { envelope: { path: m.envelope.path } } : {}),
      write: (bp, tests) => writeExpress(m, bp, tests),
    };
    return { ok: true, value: reading };
  },
};
