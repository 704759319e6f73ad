import type { Mention } from "./find-endpoints.js";
import type { Unit } from "./markdown-units.js";
import { isParam, normalizePath, segmentsOf } from "./normalize-path.js";

/** "relative to `/api/contacts`", "under `/api/v1/quotes`", "mounted at `/notes`". */
export interface BaseStatement {
  path: string;
  unit: number;
  at: number;
  /** Said "relative to": every path after it hangs under the base. */
  relative: boolean;
}

const BASE =
  /\b(relative to|under|mounted (?:at|on|under)|served (?:at|from|under)|lives? (?:at|under)|available (?:at|under)|prefix(?:ed)?(?: with| of| is)?|base (?:path|url|route)(?: is| of)?)\s+(?:the\s+)?`?(\/[^\s`'"|,;()]*)`?/gi;

export function findBases(units: Unit[]): BaseStatement[] {
  const bases: BaseStatement[] = [];
  for (const unit of units) {
    if (unit.kind === "code") continue;
    for (const m of unit.text.matchAll(BASE)) {
      const reading = normalizePath(m[2] ?? "");
      if (!reading.ok || reading.value.path === "/") continue;
      bases.push({ path: reading.value.path, unit: unit.index, at: m.index, relative: /relative/i.test(m[1] ?? "") });
    }
  }
  return bases;
}

function startsWith(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function join(base: string, path: string): string {
  return path === "/" ? base : `${base}${path}`;
}

/** Units a mention's unit hangs under: its parents and its heading. */
function ancestors(units: Unit[], index: number): Set<number> {
  const out = new Set<number>();
  let current = units[index];
  for (let hops = 0; current && hops < 6; hops += 1) {
    if (current.heading !== undefined) out.add(current.heading);
    if (current.parent === undefined) break;
    out.add(current.parent);
    current = units[current.parent];
  }
  return out;
}

function baseFor(mention: Mention, bases: BaseStatement[]): BaseStatement | undefined {
  const before = bases.filter((b) => b.unit < mention.unit || (b.unit === mention.unit && b.at < mention.start));
  return before.at(-1);
}

/** Full paths: relative ones joined to the base they hang under, prefixes never doubled. */
export function resolvePaths(mentions: Mention[], bases: BaseStatement[], units: Unit[]): Mention[] {
  return mentions.map((mention) => {
    const first = segmentsOf(mention.path)[0];
    const relativeLooking = first === undefined || isParam(first);
    const base = baseFor(mention, bases) ?? (relativeLooking ? bases[0] : undefined);
    if (!base || startsWith(mention.path, base.path)) return mention;
    // A path that starts where the base starts (`/api/secret` under `/api/invoices`) is a full path of its own.
    if (!relativeLooking && first === segmentsOf(base.path)[0]) return mention;
    const near = base.relative || base.unit === mention.unit || ancestors(units, mention.unit).has(base.unit);
    if (!relativeLooking && !near) return mention;
    const params = [...segmentsOf(base.path).filter(isParam).map((s) => s.slice(1)), ...mention.params];
    return { ...mention, path: join(base.path, mention.path), params };
  });
}
