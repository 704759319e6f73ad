import { assignedValue, bodyOf, callParts, childrenOf, descendants, dottedName, textOf } from "../../python/syntax-tree.js";
import type { Collection } from "./find-resources.js";
import type { PydanticModel } from "./pydantic-models.js";
import type { Project, PyModule } from "./python-project.js";

/** The in-memory dict or list an existing collection keeps its items in. */
export interface ExistingStore {
  /** The name the collection's router module uses for it. */
  local: string;
  kind: "dict" | "list";
  /** Items are dicts (`item["id"]`) or model objects (`item.id`). */
  items: "dict" | "attr";
}

const DICTS = /^(dict|defaultdict|OrderedDict)$/;
const LISTS = /^(list)$/;

function storeKind(module: PyModule, value: ReturnType<typeof assignedValue>): ExistingStore["kind"] | undefined {
  if (!value) return undefined;
  if (value.name === "DictionaryExpression" && childrenOf(value).length === 2) return "dict";
  if (value.name === "ArrayExpression" && childrenOf(value).length === 2) return "list";
  const call = callParts(value);
  const callee = call ? dottedName(module, call.callee) : undefined;
  const last = callee?.[callee.length - 1] ?? "";
  if (DICTS.test(last)) return "dict";
  if (LISTS.test(last)) return "list";
  return undefined;
}

/** Finds the store the collection's handlers read and write, when it is a module-level dict or list. */
export function findStore(project: Project, collection: Collection, models: PydanticModel[]): ExistingStore | undefined {
  const counts = new Map<string, { hits: number; kind: ExistingStore["kind"]; module: PyModule }>();
  let subscripts = 0;
  let constructs = 0;
  for (const { served } of collection.routes) {
    const { module, func } = served.route;
    const body = bodyOf(func);
    if (!body) continue;
    for (const name of descendants(body, "VariableName")) {
      const text = textOf(module, name);
      const ref = project.resolve(module, [text]);
      if (ref?.k !== "def") continue;
      const kind = storeKind(ref.module, assignedValue(ref.statement));
      if (kind) counts.set(text, { hits: (counts.get(text)?.hits ?? 0) + 1, kind, module });
      if (models.some((model) => model.module === ref.module && model.name === ref.name) && name.parent?.name === "CallExpression") constructs += 1;
    }
    subscripts += descendants(body, "MemberExpression").filter((m) => childrenOf(m)[1]?.name === "[" && childrenOf(m)[2]?.name === "String").length;
  }
  const best = [...counts.entries()].sort((a, b) => b[1].hits - a[1].hits)[0];
  if (!best) return undefined;
  return { local: best[0], kind: best[1].kind, items: constructs > 0 && subscripts === 0 ? "attr" : "dict" };
}
