import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { confinePath } from "./confine-path.js";
import { workspaceFiles } from "./file-tools.js";
import { type ToolOutput, toolError } from "./tool-output.js";

// Minified bundles and data files are not worth a model's context, and slow the search.
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 200;

/** `search`: lines matching a regular expression in the files not ignored, at most `limit` of them. */
export async function searchWorkspace(root: string, pattern: string, dir: string | undefined, limit: number): Promise<ToolOutput> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    return toolError("search", `not a valid regular expression: ${(error as Error).message}`);
  }
  const confined = await confinePath(root, dir ?? "", true);
  if (!confined.ok) return toolError("search", confined.error);
  const hits: string[] = [];
  let more = 0;
  for (const file of await workspaceFiles(root, confined.relative)) {
    const absolute = path.join(root, file);
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_FILE_BYTES) continue;
    const text = await readFile(absolute, "utf8").catch(() => "");
    if (text.includes("\0")) continue;
    text.split("\n").forEach((line, index) => {
      if (!regex.test(line)) return;
      if (hits.length >= limit) return void (more += 1);
      hits.push(`${file}:${index + 1}: ${line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line}`);
    });
  }
  if (hits.length === 0) return { content: `no line matches /${pattern}/`, summary: `search /${pattern}/: no match` };
  if (more > 0) hits.push(`[… ${more} more matching lines left out; narrow the pattern or the folder]`);
  return { content: hits.join("\n"), summary: `search /${pattern}/: ${hits.length} lines` };
}
