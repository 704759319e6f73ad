import type { Condition, Constraints, Outcome } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { Mention } from "./find-endpoints.js";
import type { FieldReading } from "./read-fields.js";
import type { StatusHit } from "./read-statuses.js";
import type { FieldFacts } from "./field-facts.js";
import { addFacts, type Drafts } from "./field-draft.js";
import { readConditions, type ConditionReading } from "./read-conditions.js";
import { readErrorBody } from "./read-error-body.js";
import { distribute } from "./distribute-outcome.js";

export interface OutcomeContext {
  drafts: EndpointDraft[];
  draftOf: Map<Mention, EndpointDraft>;
  fields: FieldReading;
  hasResource: boolean;
}

const RULES: Array<keyof Constraints> = ["minLength", "maxLength", "minimum", "maximum", "enum", "format", "contains"];

function namesOf(fields: FieldReading): string[] {
  return [...fields.params.keys(), ...fields.query.keys(), ...fields.book.keys(), ...[...fields.bodies.values()].flatMap((d) => [...d.keys()])];
}

function draftsHolding(name: string, ctx: OutcomeContext, facts: FieldFacts): Drafts | undefined {
  const f = ctx.fields;
  for (const drafts of [f.params, f.query, f.book, ...f.bodies.values()]) if (drafts.has(name)) return drafts;
  // "a book without an author must be a 400": a field the outcome names and nothing else did.
  return facts.required && ctx.hasResource && /^[a-z]\w*$/.test(name) ? f.book : undefined;
}

/** "reject anything else": one outcome per rule the target has. */
function expand(reading: ConditionReading, ctx: OutcomeContext): Condition[] {
  const when = reading.when;
  if (!reading.everyRule || when.kind !== "invalid" || !when.target) return [when];
  const draft = draftsHolding(when.target, ctx, {})?.get(when.target);
  if (!draft) return [{ kind: "invalid", target: when.target }];
  const rules: string[] = draft.typeFrom === "declared" && /integer|number|boolean/.test(draft.type ?? "") ? ["type"] : [];
  for (const rule of RULES) if (draft.constraints[rule] !== undefined && !rules.includes(rule)) rules.push(rule);
  if (draft.positive && !rules.includes("minimum")) rules.push("minimum");
  return rules.length > 0 ? rules.map((rule) => ({ kind: "invalid", target: when.target, rule })) : [{ kind: "invalid", target: when.target }];
}

function push(draft: EndpointDraft, outcome: Outcome): void {
  const same = draft.outcomes.find((o) => o.status === outcome.status && JSON.stringify(o.when) === JSON.stringify(outcome.when));
  // Each endpoint gets its own copy: the error style is applied per endpoint later.
  const copy = (o: Outcome): Outcome => (o.body ? { ...o, body: { ...o.body, free: [...o.body.free] } } : { ...o });
  if (!same) draft.outcomes.push(copy(outcome));
  else if (!same.body?.example && outcome.body) same.body = copy(outcome).body;
}

/** The clause, or the whole sentence when the clause is only the number ("200, or 404"). */
function outcomeText(hit: StatusHit): string {
  const clause = hit.clause.trim().replace(/^(?:or|and|,)\s+/i, "");
  return clause.replace(/[^A-Za-z]/g, "").length < 8 ? hit.sentence.trim() : clause;
}

function successFor(hit: StatusHit, ctx: OutcomeContext): EndpointDraft[] {
  if (hit.owner) return [ctx.draftOf.get(hit.owner)].filter((d): d is EndpointDraft => d !== undefined);
  const words = hit.clause.toLowerCase();
  const roles = new Set<string>();
  if (/\bcreat/.test(words)) roles.add("create");
  if (/\bdelet|\bremov/.test(words)) roles.add("delete");
  if (/\bupdat|\breplac|\bedit/.test(words)) ["replace", "update"].forEach((r) => roles.add(r));
  return ctx.drafts.filter((d) => roles.has(d.role) && d.statuses.length === 0);
}

function applyError(hit: StatusHit, ctx: OutcomeContext): void {
  const owner = hit.owner ? ctx.draftOf.get(hit.owner) : undefined;
  const body = readErrorBody(hit.clause);
  for (const reading of readConditions(hit.status, hit.clause, hit.sentence, namesOf(ctx.fields))) {
    const target = reading.when.kind === "invalid" || reading.when.kind === "conflict" ? reading.when.target : undefined;
    if (target && reading.facts) {
      const drafts = draftsHolding(target, ctx, reading.facts);
      if (drafts) addFacts(drafts, target, reading.facts, ctx.fields.clashes);
    }
    for (const when of expand(reading, ctx)) {
      const outcome: Outcome = { status: hit.status, when, text: outcomeText(hit) };
      if (body) outcome.body = body;
      const destinations = owner ? [owner] : distribute(when, ctx.drafts, ctx.fields);
      for (const draft of destinations) push(draft, outcome);
    }
  }
}

/** Statuses into success statuses and outcomes of the endpoints they belong to. */
export function applyOutcomes(hits: StatusHit[], ctx: OutcomeContext): void {
  for (const hit of hits) {
    if (hit.status >= 400) applyError(hit, ctx);
    else for (const draft of successFor(hit, ctx)) if (!draft.statuses.includes(hit.status)) draft.statuses.push(hit.status);
  }
}
