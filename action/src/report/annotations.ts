import { testName } from "../junit/test-name.js";
import { truncate } from "./markdown.js";
import type { LocatedFailure } from "./test-run.js";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure";
  title: string;
  message: string;
  raw_details?: string;
}

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
// GitHub's cap is 64 KB per field; a short message keeps the Files tab readable.
const MESSAGE_LIMIT = 4_000;
const TITLE_LIMIT = 255;

/**
 * One annotation per located failure. With `changedFiles`, only failures in those files are
 * annotated (the summary still lists every failure).
 */
export function buildAnnotations(
  failures: readonly LocatedFailure[],
  changedFiles?: ReadonlySet<string>,
): Annotation[] {
  const annotations: Annotation[] = [];
  for (const { testCase, location } of failures) {
    if (location === undefined || testCase.failure === undefined) continue;
    if (changedFiles !== undefined && !changedFiles.has(location.path)) continue;
    const { message, details } = testCase.failure;
    const annotation: Annotation = {
      path: location.path,
      start_line: location.line,
      end_line: location.line,
      annotation_level: "failure",
      title: truncate(testName(testCase), TITLE_LIMIT),
      message: truncate(message, MESSAGE_LIMIT),
    };
    if (details !== "" && details !== message) annotation.raw_details = truncate(details, MESSAGE_LIMIT);
    annotations.push(annotation);
  }
  return annotations;
}

export function inBatches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
