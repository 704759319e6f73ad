import type { Blueprint } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ExpressModel } from "./express-model.js";
import type { Instance } from "./instances.js";

/**
 * The guard middleware a new route passes first, as other routes write it, imported into `file`;
 * none when the issue asks for no authentication or the router already guards every route.
 */
export function guardChain(m: ExpressModel, bp: Blueprint, instance: Instance, file: string, editor: FileEditor): string[] {
  if (!bp.auth.required) return [];
  const guard = m.guards.find((g) => g.name === (bp.auth.required ? bp.auth.guard : ""));
  if (!guard) return [];
  const prefix = m.prefix.get(instance.id) ?? "";
  const coveredHere = guard.routerLevel && guard.guards.some((p) => p.startsWith(prefix) && m.served.some((r) => r.path === p && r.reg.instance.id === instance.id));
  if (coveredHere) return [];
  const root = guard.expr.split(/[.(]/)[0]!;
  const user = m.regs.routes.find((r) => r.chain.some((a) => a.getText() === guard.expr));
  const need = user ? importNeedFor(m.project, user.file, root) : importNeedFor(m.project, guard.file, root);
  if (need && need.module !== file) editor.needImports(file, [need]);
  return [guard.expr];
}
