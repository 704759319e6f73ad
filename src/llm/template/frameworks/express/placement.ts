import type ts from "typescript";
import type { ExpressModel } from "./express-model.js";
import type { Instance } from "./instances.js";
import type { MountReg, RouteReg } from "./registrations.js";

/** Whether an existing route's pattern would answer a request meant for a new static path. */
export function shadows(existing: string, added: string): boolean {
  const a = existing.split("/").filter(Boolean);
  const b = added.split("/").filter(Boolean);
  if (a.length !== b.length) return false;
  let param = false;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]!.startsWith(":")) {
      if (!b[i]!.startsWith(":")) param = true;
    } else if (a[i] !== b[i]) return false;
  }
  return param;
}

export type Anchor = { kind: "before" | "after"; node: ts.Node; file: string };

function registrationsIn(m: ExpressModel, instance: Instance, file: string): (RouteReg | MountReg)[] {
  const routes = m.regs.routes.filter((r) => r.instance.id === instance.id && r.file === file);
  const mounts = m.regs.mounts.filter((x) => x.parent.id === instance.id && x.file === file);
  return [...routes, ...mounts].sort((a, b) => a.call.getStart() - b.call.getStart());
}

/**
 * Where a new route of `instance` goes in `file`: before the first route that would shadow it
 * (`/:id` before a new `/count`), else after the instance's last route or mount, and always before
 * its 404 catch-all and error handlers.
 */
export function routeAnchor(m: ExpressModel, instance: Instance, file: string, local: string): Anchor {
  const regs = registrationsIn(m, instance, file);
  const shadowing = m.regs.routes.find((r) => r.instance.id === instance.id && r.file === file && shadows(r.local, local));
  if (shadowing) return { kind: "before", node: shadowing.statement, file };
  const last = regs[regs.length - 1];
  const stopper = m.regs.uses.find((u) => u.instance.id === instance.id && u.file === file && (u.role === "not-found" || u.role === "error-handler") && (!last || u.call.getStart() > last.call.getStart()));
  if (last) {
    const firstStop = m.regs.uses.filter((u) => u.instance.id === instance.id && u.file === file && (u.role === "not-found" || u.role === "error-handler")).sort((a, b) => a.call.getStart() - b.call.getStart())[0];
    if (firstStop && firstStop.call.getStart() < last.call.getStart()) return { kind: "before", node: firstStop.statement, file };
    return { kind: "after", node: last.statement, file };
  }
  if (stopper) return { kind: "before", node: stopper.statement, file };
  return { kind: "after", node: statementOfCreation(instance.creation), file: instance.file };
}

function statementOfCreation(node: ts.Node): ts.Node {
  let n: ts.Node = node;
  while (n.parent && n.parent.parent && !("statements" in n.parent)) n = n.parent;
  return n;
}

/** The instance a new path hangs from: the one whose prefix is the longest start of the path. */
export function parentFor(m: ExpressModel, path: string): { instance: Instance; local: string } {
  let best: { instance: Instance; prefix: string } = { instance: m.app, prefix: "" };
  for (const instance of m.instances.all) {
    const prefix = m.prefix.get(instance.id);
    if (prefix === undefined || prefix === "") continue;
    const fits = path === prefix || path.startsWith(`${prefix}/`);
    if (fits && prefix.length > best.prefix.length) best = { instance, prefix };
  }
  const local = path.slice(best.prefix.length) || "/";
  return { instance: best.instance, local };
}

/** The file most of an instance's routes are registered in. */
export function routesFileOf(m: ExpressModel, instance: Instance): string {
  const counts = new Map<string, number>();
  for (const r of m.regs.routes.filter((x) => x.instance.id === instance.id)) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? instance.file;
}

/** The receiver routes of an instance are registered on in a file, as written there. */
export function receiverIn(m: ExpressModel, instance: Instance, file: string): string {
  const reg = m.regs.routes.find((r) => r.instance.id === instance.id && r.file === file) ?? m.regs.mounts.find((x) => x.parent.id === instance.id && x.file === file);
  if (reg) {
    const callee = reg.call.expression as ts.PropertyAccessExpression;
    return callee.expression.getText().replace(/\.route\([^)]*\)$/, "");
  }
  return instance.name;
}
