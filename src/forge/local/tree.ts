import type { TreeEntry } from "../../domain/forge.js";

export interface TreeRecord extends TreeEntry {
  mode: string;
}

/**
 * Parses `git ls-tree -r -l -z`: "<mode> <type> <sha> <size padded>\t<path>\0". Only blobs are
 * files an agent can read; submodules ("commit" entries) are left out.
 */
export function parseLsTree(output: string): TreeRecord[] {
  const records: TreeRecord[] = [];
  for (const item of output.split("\0")) {
    if (item === "") continue;
    const tab = item.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, sha, size] = item.slice(0, tab).trim().split(/\s+/);
    if (type !== "blob" || !mode || !sha) continue;
    records.push({ mode, sha, size: Number(size) || 0, path: item.slice(tab + 1) });
  }
  return records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
