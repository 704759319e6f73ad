import type { Unit } from "./markdown-units.js";

/** Libraries and tools maintainers name, as Archon spells them. */
const LIBRARIES: Array<[RegExp, string]> = [
  [/\bzod\b/i, "zod"],
  [/\bjoi\b/i, "joi"],
  [/\bcelebrate\b/i, "celebrate"],
  [/\btypebox\b/i, "typebox"],
  [/\bjson[- ]?schemas?\b/i, "json-schema"],
  [/\bajv\b/i, "ajv"],
  [/\byup\b/i, "yup"],
  [/\bexpress-validator\b/i, "express-validator"],
  [/\bclass-validator\b/i, "class-validator"],
  [/\bpydantic\b/i, "pydantic"],
  [/\bsqlalchemy\b/i, "sqlalchemy"],
  [/\bsupertest\b/i, "supertest"],
  [/\bvitest\b/i, "vitest"],
  [/\bjest\b/i, "jest"],
  [/\bmocha\b/i, "mocha"],
  [/\bnode:test\b/i, "node:test"],
  [/\bpytest\b/i, "pytest"],
  [/\btestclient\b/i, "testclient"],
  [/\bhttpx\b/i, "httpx"],
  [/\b(?:server|app|fastify)\.inject\b|`inject(?:\(\))?`|\binject\(\)|\blight-my-request\b/i, "inject"],
  [/@fastify\/sensible\b/i, "@fastify/sensible"],
  [/@fastify\/[\w-]+/i, ""],
  [/\bprisma\b/i, "prisma"],
  [/\bknex\b/i, "knex"],
];

export function readLibraries(units: Unit[]): string[] {
  const text = units.filter((u) => u.kind !== "code").map((u) => u.text).join("\n");
  const out: string[] = [];
  for (const [pattern, name] of LIBRARIES) {
    const m = pattern.exec(text);
    const found = name || m?.[0].toLowerCase();
    if (m && found && !out.includes(found)) out.push(found);
  }
  return out;
}
