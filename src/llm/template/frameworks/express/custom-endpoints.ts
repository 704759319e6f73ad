import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { Result } from "../framework.js";
import type { ExpressModel } from "./express-model.js";
import { guardChain } from "./guard-chain.js";
import { arrowHandler, renderHandler } from "./handlers.js";
import type { Instance } from "./instances.js";
import { type Anchor, parentFor, receiverIn, routeAnchor, routesFileOf } from "./placement.js";
import type { ServedRoute } from "./route-table.js";

/** The route the issue says the new one sits next to: `next to /api/hello`, `like the heartbeat`. */
function neighbour(m: ExpressModel, bp: Blueprint, ep: EndpointPlan): ServedRoute | undefined {
  const mirror = bp.understanding.hints.mirror?.replace(/^`|`$/g, "");
  if (!mirror) return undefined;
  const exact = m.served.find((r) => r.path === mirror);
  if (exact) return exact;
  const word = mirror.replace(/^\//, "").toLowerCase();
  const near = m.served.filter((r) => r.path.toLowerCase().split("/").includes(word));
  return near.find((r) => ep.path.startsWith(r.path.split("/").slice(0, -1).join("/"))) ?? near[0];
}

function place(m: ExpressModel, bp: Blueprint, ep: EndpointPlan): { instance: Instance; file: string; local: string; anchor: Anchor } {
  const next = neighbour(m, bp, ep);
  const prefixOf = (i: Instance) => m.prefix.get(i.id) ?? "";
  if (next && ep.path.startsWith(prefixOf(next.reg.instance))) {
    const instance = next.reg.instance;
    const local = ep.path.slice(prefixOf(instance).length) || "/";
    const shadow = routeAnchor(m, instance, next.reg.file, local);
    const anchor: Anchor = shadow.kind === "before" && shadow.node.getStart() < next.reg.statement.getStart() ? shadow : { kind: "after", node: next.reg.statement, file: next.reg.file };
    return { instance, file: next.reg.file, local, anchor };
  }
  const { instance, local } = parentFor(m, ep.path);
  const file = routesFileOf(m, instance);
  return { instance, file, local, anchor: routeAnchor(m, instance, file, local) };
}

/** Endpoints that answer a computed or fixed value: each beside its neighbour, or where its path hangs. */
export async function customEndpoints(m: ExpressModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  const notes: string[] = [];
  for (const ep of bp.endpoints) {
    const where = place(m, bp, ep);
    const constant = (file: string, name: string) => {
      const need = importNeedFor(m.project, file, name) ?? { module: file, name, local: name };
      if (file !== where.file) editor.needImports(where.file, [{ ...need, module: file }]);
      return name;
    };
    const handler = renderHandler({ m, bp, ep, data: undefined, validated: { body: false, params: false }, exprs: { count: () => "0", constant } });
    editor.needImports(where.file, handler.imports);
    const receiver = receiverIn(m, where.instance, where.file);
    const guards = guardChain(m, bp, where.instance, where.file, editor);
    const code = `${receiver}.${ep.method.toLowerCase()}(${[JSON.stringify(where.local), ...guards, arrowHandler(handler)].join(", ")});`;
    if (where.anchor.kind === "before") await editor.insertBefore(where.file, where.anchor.node, code);
    else await editor.insertAfter(where.file, where.anchor.node, code);
    notes.push(`Added \`${ep.method} ${ep.path}\` to \`${where.file}\`${where.local !== ep.path ? `, on the router mounted at \`${ep.path.slice(0, ep.path.length - where.local.length)}\`` : ""}.`);
  }
  return { ok: true, value: notes };
}
