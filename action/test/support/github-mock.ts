import nock from "nock";

export const API = "https://api.github.com";

export interface RecordedRequest {
  method: "POST" | "PATCH";
  body: {
    status?: string;
    conclusion?: string;
    head_sha?: string;
    external_id?: string;
    output?: { title: string; summary: string; annotations?: unknown[] };
  };
}

/**
 * GitHub's check-run endpoints for owner/repo: a listing of `existing` check runs on `sha`, then
 * create and update calls recorded in order.
 */
export function mockCheckRuns(options: {
  sha: string;
  updates: number;
  creates?: number;
  existing?: { id: number; external_id: string }[];
}): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  nock(API)
    .get(`/repos/owner/repo/commits/${options.sha}/check-runs`)
    .query(true)
    .reply(200, {
      total_count: options.existing?.length ?? 0,
      check_runs: (options.existing ?? []).map((run) => ({
        ...run,
        html_url: `https://github.com/owner/repo/runs/${run.id}`,
      })),
    });
  const creates = options.creates ?? 1;
  if (creates > 0) {
    nock(API)
      .post("/repos/owner/repo/check-runs", (body: RecordedRequest["body"]) => {
        requests.push({ method: "POST", body });
        return true;
      })
      .times(creates)
      .reply(201, { id: 7, html_url: "https://github.com/owner/repo/runs/7" });
  }
  if (options.updates > 0) {
    nock(API)
      .patch(/\/repos\/owner\/repo\/check-runs\/\d+$/, (body: RecordedRequest["body"]) => {
        requests.push({ method: "PATCH", body });
        return true;
      })
      .times(options.updates)
      .reply(200, { id: 7, html_url: "https://github.com/owner/repo/runs/7" });
  }
  return requests;
}
