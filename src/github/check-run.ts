import { type RepoTarget, NO_RETRY, isUncertain, orNotFound } from "./client.js";
import { createOnce } from "./create-once.js";
import { sameText } from "./markers.js";

export type CheckStatus = "queued" | "in_progress" | "completed";
export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

export interface EnsureCheckRunInput extends RepoTarget {
  name: string;
  headSha: string;
  /** Idempotency key, derived from the task (e.g. `archon-task-42`). */
  externalId: string;
  /** No attempt to create this run ever started before this one: it is created without a look-up. */
  knownAbsent?: boolean;
  /**
   * The run, as an earlier write for this head returned it: a write without annotations updates
   * it without a look-up (and looks it up after all should GitHub not know it).
   */
  known?: { id: number; url: string } | undefined;
  status: CheckStatus;
  conclusion?: CheckConclusion;
  output?: CheckOutput;
  detailsUrl?: string;
}

export interface EnsureCheckRunResult {
  id: number;
  url: string;
  action: "created" | "updated" | "unchanged";
}

interface RawCheckRun {
  id: number;
  html_url: string | null;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  details_url?: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
}

// GitHub takes at most 50 annotations per request; more are appended by further updates.
const ANNOTATIONS_PER_REQUEST = 50;

async function findRun(input: EnsureCheckRunInput): Promise<RawCheckRun | undefined> {
  const { octokit, owner, repo, headSha, name, externalId } = input;
  const pages = octokit.paginate.iterator(octokit.rest.checks.listForRef, {
    owner, repo, ref: headSha, check_name: name, filter: "all", per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((run) => run.external_id === externalId);
    if (found !== undefined) return found;
  }
  return undefined;
}

function unchanged(run: RawCheckRun, input: EnsureCheckRunInput, pending: CheckAnnotation[]): boolean {
  const output = input.output;
  return (
    run.status === input.status &&
    (run.conclusion ?? undefined) === input.conclusion &&
    (input.detailsUrl === undefined || run.details_url === input.detailsUrl) &&
    pending.length === 0 &&
    (output === undefined ||
      (run.output.title === output.title && sameText(run.output.summary, output.summary) && sameText(run.output.text, output.text)))
  );
}

/**
 * Appends annotations in chunks. Each append is not idempotent, so it is never resent blindly:
 * after an uncertain failure the run's annotation count says whether it landed.
 */
async function appendAnnotations(input: EnsureCheckRunInput, id: number, output: CheckOutput, rest: CheckAnnotation[], count: number) {
  const { octokit, owner, repo } = input;
  let have = count;
  for (let i = 0; i < rest.length; i += ANNOTATIONS_PER_REQUEST) {
    const chunk = rest.slice(i, i + ANNOTATIONS_PER_REQUEST);
    const send = () =>
      octokit.rest.checks.update({
        owner, repo, check_run_id: id, request: NO_RETRY,
        output: { title: output.title, summary: output.summary, annotations: chunk },
      });
    try {
      await send();
    } catch (error) {
      if (!isUncertain(error)) throw error;
      const { data } = await octokit.rest.checks.get({ owner, repo, check_run_id: id });
      if (data.output.annotations_count < have + chunk.length) await send();
    }
    have += chunk.length;
  }
}

/** One check run per external id on the head sha: created once, updated only on change. */
export async function ensureCheckRun(input: EnsureCheckRunInput): Promise<EnsureCheckRunResult> {
  const { octokit, owner, repo, name, headSha, externalId, status, conclusion, detailsUrl, output } = input;
  const annotations = output?.annotations ?? [];
  const first = annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  const fields = {
    status,
    ...(conclusion === undefined ? {} : { conclusion }),
    ...(detailsUrl === undefined ? {} : { details_url: detailsUrl }),
  };
  const withOutput = (chunk: CheckAnnotation[]) =>
    output === undefined
      ? {}
      : {
          output: {
            title: output.title,
            summary: output.summary,
            ...(output.text === undefined ? {} : { text: output.text }),
            ...(chunk.length === 0 ? {} : { annotations: chunk }),
          },
        };

  if (input.known !== undefined && annotations.length === 0) {
    const { id, url } = input.known;
    // Without annotations an update says the whole state, so sending it again is harmless.
    const updated = await orNotFound(() => octokit.rest.checks.update({ owner, repo, check_run_id: id, ...fields, ...withOutput([]) }));
    if (updated !== undefined) return { id, url, action: "updated" };
  }
  const { value: run, created } = await createOnce<RawCheckRun>({
    knownAbsent: input.knownAbsent === true,
    find: () => findRun(input),
    create: async () =>
      (await octokit.rest.checks.create({
        owner, repo, name, head_sha: headSha, external_id: externalId, ...fields, ...withOutput(first), request: NO_RETRY,
      })).data,
  });
  const url = run.html_url ?? "";
  if (created) {
    if (output !== undefined) await appendAnnotations(input, run.id, output, annotations.slice(first.length), first.length);
    return { id: run.id, url, action: "created" };
  }
  // Annotations only ever accumulate on a run: send the ones it does not have yet.
  const pending = annotations.slice(run.output.annotations_count);
  if (unchanged(run, input, pending)) return { id: run.id, url, action: "unchanged" };
  const head = pending.slice(0, ANNOTATIONS_PER_REQUEST);
  await octokit.rest.checks.update({ owner, repo, check_run_id: run.id, ...fields, ...withOutput(head), request: head.length > 0 ? NO_RETRY : {} });
  if (output !== undefined) await appendAnnotations(input, run.id, output, pending.slice(head.length), run.output.annotations_count + head.length);
  return { id: run.id, url, action: "updated" };
}
