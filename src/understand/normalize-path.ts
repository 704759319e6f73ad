/** Paths as written (`/notes/{id}`, `/items/<int:id>`, `/api/greeting?name=Ada`) in Express style. */

export interface NormalPath {
  /** `/notes/:id`; `/` for the root. */
  path: string;
  params: string[];
  /** Query pairs of an example (`?name=Ada` → [["name", "Ada"]]). */
  query: Array<[string, string]>;
  /** Types FastAPI and Flask write into the path (`{id:int}`, `<int:id>`). */
  paramTypes: Record<string, "integer" | "string" | "number">;
}

export type PathReading = { ok: true; value: NormalPath } | { ok: false; raw: string };

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONVERTER: Record<string, "integer" | "string" | "number"> = { int: "integer", integer: "integer", str: "string", string: "string", float: "number", uuid: "string", slug: "string" };
// Real paths are short; anything longer is noise, not a route.
const MAX_PATH = 200;
const MAX_SEGMENTS = 12;

/** Cuts what trails a path in prose: `/notes/:id.`, `/health:`, `/x),`. */
export function trimPath(raw: string): string {
  const trimmed = raw.replace(/[.,:;!?)\]'"]+$/, "");
  // `/users/:id(\d+)` keeps its closing parenthesis: it belongs to the path, not to the prose.
  return raw.includes("(") && raw.endsWith(")") ? raw : trimmed;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function readQuery(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split("&")) {
    const [key = "", value = ""] = part.split("=");
    if (NAME.test(key)) pairs.push([key, decode(value)]);
  }
  return pairs;
}

/** One segment as a parameter name and its type, or undefined when it is not a parameter. */
function readParam(segment: string): { name: string; type?: "integer" | "string" | "number" } | undefined {
  const m = /^:([^/]+)$/.exec(segment) ?? /^\{([^{}]+)\}$/.exec(segment) ?? /^<([^<>]+)>$/.exec(segment);
  if (!m) return undefined;
  const inner = m[1] ?? "";
  const fastapi = /^([A-Za-z_]\w*):(\w+)$/.exec(inner);
  if (fastapi && segment.startsWith("{")) return { name: fastapi[1] ?? "", type: CONVERTER[fastapi[2] ?? ""] };
  const flask = /^(\w+):([A-Za-z_]\w*)$/.exec(inner);
  if (flask && segment.startsWith("<")) return { name: flask[2] ?? "", type: CONVERTER[flask[1] ?? ""] };
  return { name: inner };
}

export function normalizePath(raw: string): PathReading {
  const text = trimPath(raw.trim());
  if (!text.startsWith("/") || text.length > MAX_PATH) return { ok: false, raw: text.slice(0, 60) };
  const [pathPart = "", query = ""] = text.split(/\?(.*)/s);
  const segments = pathPart.split("/").filter((s) => s !== "");
  if (segments.length > MAX_SEGMENTS) return { ok: false, raw: text.slice(0, 60) };
  const out: string[] = [];
  const params: string[] = [];
  const paramTypes: NormalPath["paramTypes"] = {};
  for (const segment of segments) {
    const param = readParam(segment);
    if (param) {
      if (!NAME.test(param.name) || params.includes(param.name)) return { ok: false, raw: text };
      params.push(param.name);
      if (param.type) paramTypes[param.name] = param.type;
      out.push(`:${param.name}`);
    } else if (LITERAL.test(segment) && !/^\.+$/.test(segment)) out.push(segment);
    else return { ok: false, raw: text };
  }
  return { ok: true, value: { path: `/${out.join("/")}`, params, query: readQuery(query), paramTypes } };
}

/** Segments of a normalized path. */
export function segmentsOf(path: string): string[] {
  return path.split("/").filter(Boolean);
}

export function isParam(segment: string | undefined): boolean {
  return segment !== undefined && segment.startsWith(":");
}
