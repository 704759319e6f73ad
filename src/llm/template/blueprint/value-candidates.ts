import type { JsonValue, ParamSpec } from "../../../understand/spec.js";
import type { RepoConstant } from "../frameworks/framework.js";
import type { Expr } from "./blueprint.js";

export interface Example {
  /** Parameter values the example was made with (path and query, as text). */
  bindings: Record<string, string>;
  response: JsonValue;
}

export interface Inputs {
  params: ParamSpec[];
  query: ParamSpec[];
  /** Fields of a request body the endpoint reads (a custom POST). */
  body: ParamSpec[];
  /** The words about the endpoint. */
  text: string;
  constants: RepoConstant[];
  names: string[];
  collection: boolean;
}

export interface Found {
  expr: Expr;
  /** Parameter defaults the examples reveal. */
  defaults: Map<string, string>;
}

const RANDOM_WORDS = /\b(random(ly)?|rolls?|rolled|dice|die|shuffle[sd]?|picks? a random)\b/i;
const TIME_KEYS = /^(now|time|timestamp|date|datetime|current_?time|server_?time|current_?date)$/i;
const COMPUTED_WORDS = ["number of", "seconds", "milliseconds", "random", "current", "how many", "length", "sum", "total", "average", "count", "computed", "calculated", "reversed", "since", "times", "plus", "minus", "divided", "product", "square", "double", "half"];
const OPERATORS: [RegExp, "+" | "-" | "*" | "/"][] = [
  [/^(times|multiplied by|x|\*)$/i, "*"],
  [/^(plus|added to|\+)$/i, "+"],
  [/^(minus|less|-)$/i, "-"],
  [/^(divided by|over|\/)$/i, "/"],
];

function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function inputsOf(inputs: Inputs): { name: string; from: "path" | "query" | "body"; param: ParamSpec }[] {
  return [
    ...inputs.params.map((p) => ({ name: p.name, from: "path" as const, param: p })),
    ...inputs.query.map((p) => ({ name: p.name, from: "query" as const, param: p })),
    ...inputs.body.map((p) => ({ name: p.name, from: "body" as const, param: p })),
  ];
}

function isNumeric(p: ParamSpec): boolean {
  return p.type === "integer" || p.type === "number";
}

function input(i: { name: string; from: "path" | "query" | "body"; param: ParamSpec }): Expr {
  return { k: "input", name: i.name, from: i.from, type: i.param.type };
}

const reverse = (s: string) => [...s].reverse().join("");
const same = (a: JsonValue, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a function of one string input explains every example. */
function explainsAll(examples: Example[], name: string, fn: (s: string) => JsonValue): boolean {
  const bound = examples.filter((e) => e.bindings[name] !== undefined);
  return bound.length > 0 && bound.every((e) => same(fn(e.bindings[name]!), e.response));
}

function ignoresCase(text: string): boolean {
  return /ignor\w*\s+(the\s+)?case|case[- ]insensitive|regardless of case|not case[- ]sensitive/i.test(text);
}

function stringFunctions(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  const keyTokens = tokens(key);
  // The key names the function (`reversed`, `length`), or the words do ("upper-cases the text").
  const words = inputs.text.toLowerCase();
  const cue = (pattern: RegExp) => keyTokens.some((t) => pattern.test(t)) || pattern.test(words);
  for (const i of inputsOf(inputs).filter((x) => !isNumeric(x.param))) {
    const of = input(i);
    if (cue(/palindrome/)) {
      const ignoreCase = ignoresCase(inputs.text);
      const fn = (s: string) => {
        const v = ignoreCase ? s.toLowerCase() : s;
        return v === reverse(v);
      };
      if (explainsAll(examples, i.name, fn)) return { k: "palindrome", of, ignoreCase };
    }
    if (keyTokens.some((t) => /^(length|len|size|chars|characters)$/.test(t)) && explainsAll(examples, i.name, (s) => [...s].length)) return { k: "length", of };
    if (cue(/revers/) && explainsAll(examples, i.name, reverse)) return { k: "reverse", of };
    if (cue(/upper[- ]?case|\bupper\b|capitali[sz]|shout/) && explainsAll(examples, i.name, (s) => s.toUpperCase())) return { k: "upper", of };
    if (cue(/lower[- ]?case|\blower\b/) && explainsAll(examples, i.name, (s) => s.toLowerCase())) return { k: "lower", of };
  }
  return undefined;
}

function echo(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  const all = inputsOf(inputs);
  // The parameter of the same name first: `"word": "Stressed"` for `{word}`.
  const ordered = [...all.filter((i) => i.name === key || tokens(i.name).join("") === tokens(key).join("")), ...all];
  for (const i of ordered) {
    const fn = (s: string): JsonValue => (isNumeric(i.param) ? Number(s) : s);
    if (explainsAll(examples, i.name, fn) && examples.every((e) => e.bindings[i.name] !== undefined)) return input(i);
  }
  return undefined;
}

/** `"Hello, Ada!"` for `name=Ada`: text around a parameter's value, and the value used when it is absent. */
function template(examples: Example[], inputs: Inputs): Found | undefined {
  for (const i of inputsOf(inputs).filter((x) => !isNumeric(x.param))) {
    const withValue = examples.filter((e) => e.bindings[i.name] !== undefined && typeof e.response === "string");
    if (withValue.length === 0) continue;
    const shapes = withValue.map((e) => {
      const text = e.response as string;
      const value = e.bindings[i.name]!;
      const at = text.indexOf(value);
      return at < 0 ? undefined : { before: text.slice(0, at), after: text.slice(at + value.length) };
    });
    const firstShape = shapes[0];
    if (!firstShape || shapes.some((s) => !s || s.before !== firstShape.before || s.after !== firstShape.after)) continue;
    const { before, after } = firstShape;
    const defaults = new Map<string, string>();
    let consistent = true;
    for (const e of examples.filter((x) => x.bindings[i.name] === undefined)) {
      const text = typeof e.response === "string" ? e.response : "";
      if (!text.startsWith(before) || !text.endsWith(after) || text.length < before.length + after.length) {
        consistent = false;
        break;
      }
      const hole = text.slice(before.length, text.length - after.length);
      if (defaults.has(i.name) && defaults.get(i.name) !== hole) consistent = false;
      defaults.set(i.name, hole);
    }
    if (!consistent) continue;
    const parts: Expr[] = [];
    if (before !== "") parts.push({ k: "literal", value: before });
    parts.push(input(i));
    if (after !== "") parts.push({ k: "literal", value: after });
    return { expr: parts.length === 1 ? parts[0]! : { k: "concat", parts }, defaults };
  }
  return undefined;
}

function randomNumber(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  if (!RANDOM_WORDS.test(inputs.text)) return undefined;
  if (!examples.every((e) => typeof e.response === "number" && Number.isInteger(e.response))) return undefined;
  const range = /between\s+(-?\d+)\s+and\s+(-?\d+)|from\s+(-?\d+)\s+to\s+(-?\d+)/i.exec(inputs.text);
  const numeric = inputsOf(inputs).filter((i) => isNumeric(i.param));
  const max = numeric.find((i) => examples.every((e) => e.bindings[i.name] === undefined || Number(e.bindings[i.name]) >= (e.response as number)));
  if (max) {
    const min = /from\s+0\b|zero-based|0\s*(\.\.|to|-)/i.test(inputs.text) ? 0 : 1;
    return { k: "randomInt", min: { k: "literal", value: min }, max: input(max) };
  }
  if (range && numeric.length === 0 && key !== "") {
    const lo = Number(range[1] ?? range[3]);
    const hi = Number(range[2] ?? range[4]);
    if (lo <= hi) return { k: "randomInt", min: { k: "literal", value: lo }, max: { k: "literal", value: hi } };
  }
  return undefined;
}

function clock(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  const keyTokens = tokens(key);
  const first = examples[0]!.response;
  if (keyTokens.includes("uptime") || (typeof first === "number" && /since the (process|server|app(lication)?) (started|start|booted)/i.test(inputs.text) && inputs.text.toLowerCase().includes(key.toLowerCase()))) {
    return typeof first === "number" ? { k: "uptime" } : undefined;
  }
  if (TIME_KEYS.test(key.replace(/[-\s]/g, "_"))) {
    if (typeof first === "string" && !Number.isNaN(Date.parse(first))) return { k: "now", as: "iso" };
    if (typeof first === "number") return { k: "now", as: first > 1e12 ? "epochMs" : "epochSeconds" };
  }
  return undefined;
}

function constant(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  const keyTokens = new Set(tokens(key));
  const named = new Set(inputs.names.map((n) => n.replace(/\(\)$/, "").split(".").pop()!));
  const related = (c: RepoConstant) => tokens(c.name).some((t) => keyTokens.has(t));
  const value = examples[0]!.response;
  const byValue = inputs.constants.filter((c) => same(c.value, value));
  const pick =
    byValue.find((c) => named.has(c.name) && related(c)) ??
    byValue.find((c) => related(c)) ??
    byValue.find((c) => named.has(c.name)) ??
    // A constant the issue names for this key wins over the example's illustrative value.
    inputs.constants.find((c) => named.has(c.name) && related(c) && typeof c.value === typeof value);
  return pick ? { k: "constant", file: pick.file, name: pick.name, value: pick.value } : undefined;
}

function operand(name: string, inputs: Inputs): Expr | undefined {
  if (/^-?\d+(\.\d+)?$/.test(name)) return { k: "literal", value: Number(name) };
  const i = inputsOf(inputs).find((x) => x.name === name);
  return i && isNumeric(i.param) ? input(i) : undefined;
}

/**
 * Arithmetic the words spell out ("`square` is `n` times `n`", "`total` is `price` plus `tax`"),
 * else an operation on numeric parameters that every example agrees with.
 */
function arithmetic(key: string, examples: Example[], inputs: Inputs): Expr | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const said = new RegExp(`\`?${escaped}\`?\\s+(?:is|=|equals|being)\\s+(?:the\\s+)?\`?([\\w.]+)\`?\\s+(times|multiplied by|plus|added to|minus|less|divided by|over|[*+/x-])\\s+\`?([\\w.]+)\`?`, "i").exec(inputs.text);
  if (said) {
    const op = OPERATORS.find(([pattern]) => pattern.test(said[2]!))?.[1];
    const left = operand(said[1]!, inputs);
    const right = operand(said[3]!, inputs);
    if (op && left && right) return { k: "arith", op, left, right };
  }
  if (!examples.every((e) => typeof e.response === "number")) return undefined;
  const numeric = inputsOf(inputs).filter((i) => isNumeric(i.param));
  const words = inputs.text.toLowerCase();
  const preferred: ("+" | "-" | "*" | "/")[] = /times|product|multipl|square/.test(words) ? ["*", "+", "-", "/"] : /minus|differen|subtract/.test(words) ? ["-", "+", "*", "/"] : /divid|quotient|ratio|average/.test(words) ? ["/", "+", "-", "*"] : ["+", "*", "-", "/"];
  for (const op of preferred) {
    for (const a of numeric) {
      for (const b of numeric) {
        const bound = examples.filter((e) => e.bindings[a.name] !== undefined && e.bindings[b.name] !== undefined);
        if (bound.length === 0) continue;
        const ok = bound.every((e) => {
          const x = Number(e.bindings[a.name]);
          const y = Number(e.bindings[b.name]);
          const v = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : y === 0 ? Number.NaN : x / y;
          return Math.abs(v - (e.response as number)) < 1e-9;
        });
        if (ok) return { k: "arith", op, left: input(a), right: input(b) };
      }
    }
  }
  return undefined;
}

/**
 * Whether the words say the key is worked out rather than fixed: a sentence about the key (not the
 * JSON example that shows it) with words of computing in it ("where `uptime` is the number of
 * seconds …").
 */
function describedAsComputed(key: string, text: string): boolean {
  const word = new RegExp(`(^|[^\\w"])\`?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\`?(?![\\w"])`, "i");
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((sentence) => !/"\s*:/.test(sentence) && word.test(sentence))
    .some((sentence) => COMPUTED_WORDS.some((w) => sentence.toLowerCase().includes(w)));
}

/** The expression that explains one key's values across the examples, or undefined. */
export function candidatesFor(key: string, examples: Example[], inputs: Inputs): Found | undefined {
  const none = new Map<string, string>();
  const plain = (expr: Expr | undefined): Found | undefined => (expr ? { expr, defaults: none } : undefined);
  const first = examples[0]!.response;
  if (typeof first === "object" && first !== null && !Array.isArray(first)) {
    const entries: { key: string; value: Expr }[] = [];
    const defaults = new Map<string, string>();
    for (const inner of Object.keys(first)) {
      const found = candidatesFor(inner, examples.map((e) => ({ ...e, response: (e.response as Record<string, JsonValue>)?.[inner] ?? null })), inputs);
      if (!found) return undefined;
      for (const [n, v] of found.defaults) defaults.set(n, v);
      entries.push({ key: inner, value: found.expr });
    }
    return { expr: { k: "object", entries }, defaults };
  }
  const sameName = inputsOf(inputs).some((i) => tokens(i.name).join("") === tokens(key).join(""));
  const found =
    plain(clock(key, examples, inputs)) ??
    plain(sameName ? echo(key, examples, inputs) : undefined) ??
    plain(stringFunctions(key, examples, inputs)) ??
    plain(randomNumber(key, examples, inputs)) ??
    plain(arithmetic(key, examples, inputs)) ??
    plain(echo(key, examples, inputs)) ??
    template(examples, inputs) ??
    plain(constant(key, examples, inputs)) ??
    plain(inputs.collection && /^(count|total)$/i.test(key) && typeof first === "number" ? { k: "count" } : undefined);
  if (found) return found;
  // A fixed value: the same in every example, and the words do not say it is worked out.
  if (examples.every((e) => same(e.response, first)) && !describedAsComputed(key, inputs.text)) {
    if (typeof first !== "number" || !RANDOM_WORDS.test(inputs.text)) return plain({ k: "literal", value: first });
  }
  return undefined;
}
