export interface FalseDoneEvidence {
  branch: string | null;
  /** run.sh's "3 passed/1 failed rc=1" for the repository's own tests on the branch. */
  branchTests: string | undefined;
  /** run.sh's "1/5 rc=1" for the acceptance script on the branch. */
  acceptBranch: string | undefined;
  /** The acceptance script's output: a PASS or FAIL line per criterion. */
  acceptLog: string | undefined;
}

/** What Archon's "done" (exit 0) missed: the acceptance criteria that fail, the tests that fail. */
export function falseDoneDetail(e: FalseDoneEvidence): string {
  if (!e.branch) return "exit 0 but no branch";
  const problems: string[] = [];
  const lines = (e.acceptLog ?? "").split("\n");
  const failed = lines.filter((l) => l.startsWith("FAIL")).map((l) => l.replace(/^FAIL\s*/, "").trim());
  const all = lines.filter((l) => /^(PASS|FAIL)/.test(l)).length;
  if (failed.length > 0) problems.push(`${failed.length} of ${all} acceptance criteria fail (first: ${failed[0]})`);
  else if (/rc=(?!0\b)\d+/.test(e.acceptBranch ?? "")) problems.push(`the acceptance script failed (${e.acceptBranch})`);
  if (/rc=(?!0\b)\d+/.test(e.branchTests ?? "")) problems.push(`the repository's tests fail on the branch (${e.branchTests})`);
  return problems.length > 0 ? `exit 0, but ${problems.join("; ")}` : "exit 0, but the task was not accepted";
}
