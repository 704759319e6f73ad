import type { EndpointRole, ExampleExchange, HttpMethod, JsonValue, Outcome } from "./spec.js";
import type { Mention } from "./find-endpoints.js";
import type { MentionExchange } from "./read-exchanges.js";
import type { Shape } from "./parse-shape.js";
import { isParam, segmentsOf } from "./normalize-path.js";

/** One endpoint with everything its mentions say, before it becomes an EndpointSpec. */
export interface EndpointDraft {
  method: HttpMethod;
  path: string;
  params: string[];
  paramTypes: Record<string, "integer" | "string" | "number">;
  mentions: Mention[];
  role: EndpointRole;
  /** The collection this endpoint works on, for resource roles. */
  collection?: string;
  /** Success statuses stated for it, in order. */
  statuses: number[];
  outcomes: Outcome[];
  examples: ExampleExchange[];
  /** Query parameters named in examples, with their example values. */
  query: Array<[string, string]>;
  request?: Shape;
  response?: Shape;
  /** "Body for POST and PUT:" — the body is the resource's item. */
  bodyIsResource: boolean;
}

export function endpointKey(method: string, path: string): string {
  return `${method} ${path}`;
}

function exchangeOf(params: Record<string, string>, exchange: MentionExchange | undefined): ExampleExchange | undefined {
  if (!exchange?.response?.example) return undefined;
  const out: ExampleExchange = { params, response: exchange.response.example.value };
  const body: JsonValue | undefined = exchange.request?.example?.value;
  if (body !== undefined) out.body = body;
  return out;
}

function absorb(draft: EndpointDraft, mention: Mention, exchange: MentionExchange | undefined, params: Record<string, string>): void {
  draft.mentions.push(mention);
  for (const pair of mention.query) if (!draft.query.some(([k]) => k === pair[0])) draft.query.push(pair);
  draft.request ??= exchange?.request;
  draft.response ??= exchange?.response;
  const example = exchangeOf(params, exchange);
  if (example && !draft.examples.some((e) => JSON.stringify(e) === JSON.stringify(example))) draft.examples.push(example);
}

/** `/dice/6` for `/dice/:sides`: a literal path that is an example of a parameterised one. */
function concreteValues(literal: string, pattern: string): Record<string, string> | undefined {
  const a = segmentsOf(literal);
  const b = segmentsOf(pattern);
  if (a.length !== b.length || !b.some(isParam)) return undefined;
  const values: Record<string, string> = {};
  for (const [i, seg] of b.entries()) {
    const value = a[i] ?? "";
    if (isParam(seg)) {
      if (!/\d/.test(value)) return undefined;
      values[seg.slice(1)] = value;
    } else if (seg !== value) return undefined;
  }
  return values;
}

/** One draft per method and path; repeated mentions merge, and concrete paths become examples. */
export function mergeMentions(mentions: Mention[], exchanges: Map<Mention, MentionExchange>): EndpointDraft[] {
  const drafts = new Map<string, EndpointDraft>();
  const literal: Mention[] = [];
  for (const mention of mentions) {
    const key = endpointKey(mention.method, mention.path);
    const existing = drafts.get(key);
    if (!existing && mention.params.length === 0 && !mention.path.includes(":")) literal.push(mention);
    const draft = existing ?? {
      method: mention.method,
      path: mention.path,
      params: mention.params,
      paramTypes: { ...mention.paramTypes },
      mentions: [],
      role: "custom",
      statuses: [],
      outcomes: [],
      examples: [],
      query: [],
      bodyIsResource: false,
    };
    drafts.set(key, draft);
    absorb(draft, mention, exchanges.get(mention), Object.fromEntries(mention.query));
  }
  for (const mention of literal) {
    const target = [...drafts.values()].find((d) => d.method === mention.method && concreteValues(mention.path, d.path));
    if (!target) continue;
    drafts.delete(endpointKey(mention.method, mention.path));
    const params = { ...concreteValues(mention.path, target.path), ...Object.fromEntries(mention.query) };
    absorb(target, mention, exchanges.get(mention), params);
  }
  return [...drafts.values()];
}
