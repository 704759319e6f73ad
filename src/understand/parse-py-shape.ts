import type { JsonValue } from "./spec.js";
import { literalValue, typeFromWord, type FieldFacts, type NamedFacts } from "./field-facts.js";

const LINE = /^\s*([A-Za-z_]\w*)\s*:\s*([^=#]+?)\s*(?:=\s*([^#]+?))?\s*(?:#.*)?$/;
const PY_TYPES = /^(str|int|float|bool|bytes|dict|list|List|Dict|Optional|Union|datetime|date|UUID|EmailStr|HttpUrl|AnyUrl|Decimal|conint|constr|Literal|set|tuple)\b/;

function factsOfType(type: string): FieldFacts {
  const optional = /^Optional\[(.+)\]$/.exec(type) ?? /^(.+?)\s*\|\s*None$/.exec(type) ?? /^Union\[(.+?),\s*None\]$/.exec(type);
  if (optional) return { ...factsOfType(optional[1] ?? ""), nullable: true, required: false };
  const list = /^(?:list|List|set|Set|tuple)\[(\w+)/.exec(type);
  if (list) return { type: "array", typeFrom: "declared", constraints: { items: typeFromWord(list[1] ?? "")?.type ?? "unknown" } };
  const literal = /^Literal\[(.+)\]$/.exec(type);
  if (literal) {
    const values = (literal[1] ?? "").split(",").map((v) => literalValue(v)).filter((v): v is JsonValue => v !== undefined);
    return { type: typeof values[0] === "number" ? "integer" : "string", typeFrom: "declared", constraints: { enum: values } };
  }
  const word = typeFromWord(type.replace(/^(datetime)$/, "datetime"));
  if (/^(dict|Dict)/.test(type)) return { type: "object", typeFrom: "declared" };
  if (/^Decimal$/.test(type)) return { type: "number", typeFrom: "declared" };
  return word ? { type: word.type, typeFrom: "declared", constraints: word.format ? { format: word.format } : {} } : { type: "unknown", typeFrom: "declared" };
}

/** Defaults written as `= 0`, `= None`, `= Field(default=0, ge=0)`. */
function readDefault(text: string | undefined, facts: FieldFacts): FieldFacts {
  if (text === undefined) return { ...facts, required: facts.required ?? true };
  const field = /^Field\((.*)\)$/.exec(text);
  if (!field) {
    const value = literalValue(text);
    if (value === null) return { ...facts, required: false, nullable: true, default: { value: null } };
    return value === undefined ? { ...facts, required: false } : { ...facts, required: false, default: { value } };
  }
  const args = field[1] ?? "";
  const constraints = { ...(facts.constraints ?? {}) };
  for (const [, key = "", value = ""] of args.matchAll(/(\w+)\s*=\s*([^,]+)/g)) {
    const n = Number(value);
    if (key === "ge" && !Number.isNaN(n)) constraints.minimum = n;
    if (key === "le" && !Number.isNaN(n)) constraints.maximum = n;
    if (key === "min_length" && !Number.isNaN(n)) constraints.minLength = n;
    if (key === "max_length" && !Number.isNaN(n)) constraints.maxLength = n;
  }
  const first = /^\s*([^=,]+?)\s*(?:,|$)/.exec(args)?.[1];
  const named = /\bdefault\s*=\s*([^,]+)/.exec(args)?.[1];
  const raw = named ?? (first && first !== "..." ? first : undefined);
  const value = raw === undefined ? undefined : literalValue(raw);
  return { ...facts, constraints, required: value === undefined ? (facts.required ?? true) : false, default: value === undefined ? undefined : { value } };
}

/** "title: str, note: str | None" on one line: commas outside brackets separate declarations. */
function splitTopLevel(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    else if (c === "," && depth === 0) {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts;
}

/** `title: str`, `body: Optional[str] = None`, `price: int = 0`, `tags: list[str]`, `class Note(BaseModel):` blocks. */
export function parsePyShape(raw: string): NamedFacts[] | undefined {
  if (raw.length > 5_000) return undefined;
  const lines = raw
    .replace(/^\s*\{|\}\s*$/g, "")
    .split("\n")
    .flatMap(splitTopLevel);
  const out: NamedFacts[] = [];
  let pythonic = false;
  for (const line of lines) {
    if (/^\s*(class|@|def|from|import|"""|#)/.test(line) || line.trim() === "") continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const type = (m[2] ?? "").trim();
    if (PY_TYPES.test(type)) pythonic = true;
    out.push({ name: m[1] ?? "", facts: readDefault(m[3]?.trim(), factsOfType(type)) });
  }
  return pythonic && out.length > 0 ? out : undefined;
}
