import { readFile } from "node:fs/promises";
import path from "node:path";
import { JUnitParseError, parseJUnit } from "../junit/parse.js";
import type { ParsedReport } from "../junit/test-case.js";
import type { ReportProblem } from "../report/test-run.js";

export interface LoadedReports {
  reports: ParsedReport[];
  problems: ReportProblem[];
}

/** Reads and parses every file; one that cannot be read or parsed is named and skipped, the rest still count. */
export async function loadReports(files: readonly string[], workspace: string): Promise<LoadedReports> {
  const reports: ParsedReport[] = [];
  const problems: ReportProblem[] = [];
  for (const file of files) {
    const name = displayPath(file, workspace);
    try {
      reports.push(parseJUnit(await readFile(file, "utf8"), name));
    } catch (error) {
      if (!(error instanceof JUnitParseError) && !isFileError(error)) throw error;
      problems.push({ kind: "unreadable-report", subject: name, reason: error.message });
    }
  }
  return { reports, problems };
}

function displayPath(file: string, workspace: string): string {
  const relative = path.relative(workspace, file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error && typeof error.code === "string";
}
