import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { git } from "../../../repo/git.js";
import { confinePath } from "./confine-path.js";
import { type ToolOutput, toolError } from "./tool-output.js";

/**
 * Tracked and untracked files not ignored, under `dir` ("" for all). A `node_modules` at the top is
 * left out: local mode links the person's own there, and it is never the agent's to read.
 */
export async function workspaceFiles(root: string, dir: string): Promise<string[]> {
  const spec = dir === "" ? ["."] : [dir];
  const out = await git(root, ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ...spec, ":(exclude)node_modules"]);
  const unique = [...new Set(out.split("\0").filter((p) => p !== ""))];
  // A tracked file the agent deleted is still in the index.
  return unique.filter((p) => existsSync(path.join(root, p))).sort();
}

/** `list_files`: the files under a folder. */
export async function listFiles(root: string, dir: string | undefined): Promise<ToolOutput> {
  const confined = await confinePath(root, dir ?? "", true);
  if (!confined.ok) return toolError("list_files", confined.error);
  const files = await workspaceFiles(root, confined.relative);
  const where = confined.relative || "the repository";
  if (files.length === 0) return { content: `no files under ${where}`, summary: `list_files ${where}: none` };
  return { content: files.join("\n"), summary: `list_files ${where}: ${files.length} files` };
}

/** `read_file`: a file, or a range of its lines. */
export async function readWorkspaceFile(root: string, file: string, startLine?: number, endLine?: number): Promise<ToolOutput> {
  const confined = await confinePath(root, file);
  if (!confined.ok) return toolError("read_file", confined.error);
  const info = await stat(confined.absolute).catch(() => undefined);
  if (!info?.isFile()) return toolError("read_file", `${confined.relative} does not exist or is not a file`);
  const text = await readFile(confined.absolute, "utf8");
  if (text.includes("\0")) return toolError("read_file", `${confined.relative} is a binary file`);
  const lines = text.split("\n");
  if (startLine === undefined && endLine === undefined) {
    return { content: text, summary: `read_file ${confined.relative}: ${lines.length} lines` };
  }
  const from = startLine ?? 1;
  const to = Math.min(endLine ?? lines.length, lines.length);
  if (from > to) return toolError("read_file", `${confined.relative} has ${lines.length} lines; lines ${from}-${to} are empty`);
  const header = `(lines ${from}-${to} of ${lines.length})`;
  return { content: `${header}\n${lines.slice(from - 1, to).join("\n")}`, summary: `read_file ${confined.relative} ${header}` };
}

/** `write_file`: creates or replaces a file. */
export async function writeWorkspaceFile(root: string, file: string, content: string): Promise<ToolOutput> {
  const confined = await confinePath(root, file);
  if (!confined.ok) return toolError("write_file", confined.error);
  const info = await stat(confined.absolute).catch(() => undefined);
  if (info?.isDirectory()) return toolError("write_file", `${confined.relative} is a folder`);
  await mkdir(path.dirname(confined.absolute), { recursive: true });
  await writeFile(confined.absolute, content);
  const verb = info ? "replaced" : "created";
  return { content: `${verb} ${confined.relative} (${content.length} characters)`, summary: `write_file ${confined.relative}: ${verb}` };
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** `edit_file`: replaces text that occurs exactly once. */
export async function editWorkspaceFile(root: string, file: string, oldText: string, newText: string): Promise<ToolOutput> {
  const confined = await confinePath(root, file);
  if (!confined.ok) return toolError("edit_file", confined.error);
  const text = await readFile(confined.absolute, "utf8").catch(() => undefined);
  if (text === undefined) return toolError("edit_file", `${confined.relative} does not exist; use write_file to create it`);
  const count = occurrences(text, oldText);
  if (count === 0) {
    return toolError("edit_file", `the old text occurs 0 times in ${confined.relative}; read the file and copy the exact text, spaces and line breaks included`);
  }
  if (count > 1) {
    return toolError("edit_file", `the old text occurs ${count} times in ${confined.relative}; include more of the surrounding lines so it occurs exactly once`);
  }
  const index = text.indexOf(oldText);
  await writeFile(confined.absolute, text.slice(0, index) + newText + text.slice(index + oldText.length));
  return { content: `edited ${confined.relative}`, summary: `edit_file ${confined.relative}: edited` };
}
