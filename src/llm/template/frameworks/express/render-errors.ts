import type { ErrorBody } from "../../blueprint/blueprint.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { ExpressModel } from "./express-model.js";

export interface Rendered {
  code: string;
  imports: ImportNeed[];
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The error value the repository's error handler turns into its JSON for a status. */
export function errorValue(m: ExpressModel, status: number, message: string): Rendered {
  const mech = m.errors!;
  const exact = mech.classes.find((c) => c.exported && c.status === status && !c.statusFirst);
  if (exact) return { code: `new ${exact.name}(${message})`, imports: [{ module: exact.file, name: exact.name, local: exact.name }] };
  const base = mech.classes.find((c) => c.exported && c.statusFirst && c.status === undefined);
  if (base) return { code: `new ${base.name}(${status}, ${message})`, imports: [{ module: base.file, name: base.name, local: base.name }] };
  if (mech.httpErrors) return { code: `createError(${status}, ${message})`, imports: [{ module: "http-errors", name: "default", local: "createError" }] };
  return { code: `Object.assign(new Error(${message}), { ${mech.statusProperty}: ${status} })`, imports: [] };
}

/**
 * The statement that answers an error: the issue's own body when it shows one, else through the
 * repository's error handler (`next(new NotFoundError(…))`) when it has a JSON one, else the JSON
 * the repository's handlers answer errors with (`{ error: message }`).
 */
export function errorResponse(m: ExpressModel, status: number, message: string, body: ErrorBody): Rendered {
  if (body.kind === "stated" && typeof body.example === "object" && body.example !== null && !Array.isArray(body.example)) {
    const entries = Object.entries(body.example).map(([k, v]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${body.free.includes(k) || v === null || (typeof v === "string" && /^(\.\.\.|…|<.*>)$/.test(v)) ? message : JSON.stringify(v)}`);
    return { code: `return res.status(${status}).json({ ${entries.join(", ")} });`, imports: [] };
  }
  if (m.errors && body.kind === "repo") {
    const value = errorValue(m, status, message);
    return { code: `return next(${value.code});`, imports: value.imports };
  }
  return { code: `return res.status(${status}).json({ ${m.errorKey}: ${message} });`, imports: [] };
}

/** Whether answering this error needs the handler's `next`. */
export function usesNext(m: ExpressModel, body: ErrorBody): boolean {
  return !!m.errors && body.kind === "repo";
}
