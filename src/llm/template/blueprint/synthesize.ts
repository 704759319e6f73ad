import type { EndpointSpec, JsonValue, ParamSpec } from "../../../understand/spec.js";
import type { Decline, RepoConstant, Result } from "../frameworks/framework.js";
import type { Expr } from "./blueprint.js";
import { candidatesFor, type Example, type Inputs } from "./value-candidates.js";

export interface SynthesisContext {
  constants: RepoConstant[];
  /** Names the issue points at (`APP_NAME`), preferred among equal constants. */
  names: string[];
  /** The endpoint sits on a collection, so a count of its items is a possible value. */
  collection: boolean;
}

export interface Synthesis {
  value: Expr;
  /** The endpoint's parameters, with defaults the examples reveal (`name` defaults to "World"). */
  params: ParamSpec[];
  query: ParamSpec[];
}

const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The examples an endpoint's words give, each with the parameter values it was made with. */
function examplesOf(endpoint: EndpointSpec): Example[] {
  // A body's values bind like parameters: `{ "text": "hi" }` → `text` is "hi".
  const bodyValues = (body: JsonValue | undefined): Record<string, string> =>
    isObject(body) ? Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string" || typeof v === "number").map(([k, v]) => [k, String(v)])) : {};
  const out: Example[] = endpoint.examples.map((e) => ({ bindings: { ...bodyValues(e.body), ...e.params }, response: e.response }));
  if (out.length === 0 && endpoint.response.kind === "example") out.push({ bindings: {}, response: endpoint.response.example });
  // A response that echoes a parameter (`"word": "Stressed"` for `/{word}`) tells its value.
  const inputs = [...endpoint.params, ...endpoint.query, ...(endpoint.body && "fields" in endpoint.body ? endpoint.body.fields : [])];
  for (const example of out) {
    if (!isObject(example.response)) continue;
    for (const p of inputs) {
      const echoed = example.response[p.name];
      if (example.bindings[p.name] === undefined && (typeof echoed === "string" || typeof echoed === "number")) {
        example.bindings[p.name] = String(echoed);
      }
    }
  }
  return out;
}

function decline(reason: string, add: string): Result<Synthesis> {
  return { ok: false, decline: { reason, add } satisfies Decline };
}

/**
 * The value a custom endpoint answers, worked out from the examples the issue shows and the words
 * around them: each key of the example becomes a literal, a parameter, a function of a parameter,
 * a constant of the repository, the uptime, the time or a random number — whichever explains every
 * example and fits the words. A key nothing explains is said plainly, never guessed.
 */
export function synthesize(endpoint: EndpointSpec, context: SynthesisContext): Result<Synthesis> {
  const route = `${endpoint.method} ${endpoint.path}`;
  const examples = examplesOf(endpoint);
  if (examples.length === 0) {
    return decline(`The issue does not show what \`${route}\` answers.`, `Show its response, e.g. \`${route}\` → \`{ "status": "ok" }\`.`);
  }
  const fields = endpoint.body && "fields" in endpoint.body ? endpoint.body.fields : [];
  const body: ParamSpec[] = fields.map((f) => ({ name: f.name, in: "query", type: f.type, required: f.required, constraints: f.constraints, ...(f.example === undefined ? {} : { example: f.example }) }));
  const inputs: Inputs = { params: endpoint.params, query: endpoint.query, body, text: endpoint.text, ...context };
  const defaults = new Map<string, string>();
  const first = examples[0]!.response;
  let value: Expr;
  if (isObject(first)) {
    const entries: { key: string; value: Expr }[] = [];
    for (const key of Object.keys(first)) {
      const seen = examples.filter((e) => isObject(e.response) && key in e.response).map((e) => ({ ...e, response: (e.response as Record<string, JsonValue>)[key]! }));
      const found = candidatesFor(key, seen, inputs);
      if (!found) {
        return decline(
          `The issue shows \`${key}\` in the answer of \`${route}\` (${JSON.stringify(first[key])}) but not how it is worked out.`,
          `Say how \`${key}\` is computed, e.g. "where \`${key}\` is the length of \`…\`", or give it a fixed value.`,
        );
      }
      for (const [name, v] of found.defaults) defaults.set(name, v);
      entries.push({ key, value: found.expr });
    }
    value = { k: "object", entries };
  } else {
    const found = candidatesFor("value", examples, inputs);
    if (!found) return decline(`The issue does not say how the answer of \`${route}\` is worked out.`, "Show the response as JSON with named fields.");
    for (const [name, v] of found.defaults) defaults.set(name, v);
    value = found.expr;
  }
  const withDefault = (p: ParamSpec): ParamSpec => (defaults.has(p.name) && p.default === undefined ? { ...p, required: false, default: defaults.get(p.name)! } : p);
  return { ok: true, value: { value, params: endpoint.params.map(withDefault), query: endpoint.query.map(withDefault) } };
}
