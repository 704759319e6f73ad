import { z } from "zod";

const RelativePath = z.string().min(1).max(1024).describe("Path relative to the repository root, with forward slashes");

/** The arguments of every tool, checked before the tool runs: a model's JSON is untrusted input. */
export const ListFilesArgs = z.strictObject({
  dir: z.string().max(1024).optional().describe("Folder to list, relative to the repository root; the whole repository when absent"),
});
export const ReadFileArgs = z.strictObject({
  path: RelativePath,
  startLine: z.number().int().min(1).optional().describe("First line to read, from 1"),
  endLine: z.number().int().min(1).optional().describe("Last line to read, inclusive"),
});
export const SearchArgs = z.strictObject({
  pattern: z.string().min(1).max(500).describe("JavaScript regular expression, matched line by line"),
  dir: z.string().max(1024).optional().describe("Folder to search in; the whole repository when absent"),
});
export const WriteFileArgs = z.strictObject({
  path: RelativePath,
  content: z.string().describe("The whole new content of the file"),
});
export const EditFileArgs = z.strictObject({
  path: RelativePath,
  oldText: z.string().min(1).describe("Exact text to replace; it must occur exactly once in the file"),
  newText: z.string().describe("The text to put in its place"),
});
export const RunTestsArgs = z.strictObject({});
export const RunCommandArgs = z.strictObject({
  name: z.string().min(1).max(100).describe("Name of one of the repository's allowed commands"),
});
export const FinishArgs = z.strictObject({
  summary: z.string().trim().min(1).max(300).describe("One line: what this step did"),
  details: z.array(z.string()).optional().describe("What was done and why, for the pull request"),
  testsAdded: z.array(z.string()).optional().describe("Names of the tests added (TestingAgent)"),
  documents: z
    .array(
      z.strictObject({
        kind: z.enum(["doc", "adr", "snippet"]),
        title: z.string().min(1).max(256),
        body: z.string(),
        path: z.string().optional(),
      }),
    )
    .optional()
    .describe("Knowledge-base entries (DocumentationAgent)"),
});
export type FinishArgs = z.infer<typeof FinishArgs>;
