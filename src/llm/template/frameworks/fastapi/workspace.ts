import type { FileChange } from "../../../../domain/forge.js";

/** Files as the change leaves them: existing ones edited in place, new ones created. */
export interface Workspace {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  exists(path: string): boolean;
  changes(): FileChange[];
}

export function workspace(originals: Map<string, string>, files: Set<string>): Workspace {
  const edited = new Map<string, string>();
  const order: string[] = [];
  return {
    read: (path) => edited.get(path) ?? originals.get(path),
    write(path, text) {
      if (!edited.has(path)) order.push(path);
      edited.set(path, text);
    },
    exists: (path) => edited.has(path) || files.has(path) || originals.has(path),
    changes: () =>
      order
        .filter((path) => edited.get(path) !== originals.get(path))
        .map((path) => ({ action: files.has(path) ? ("modify" as const) : ("create" as const), path, content: edited.get(path)! })),
  };
}
