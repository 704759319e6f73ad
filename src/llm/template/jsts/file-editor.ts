import ts from "typescript";
import type { FileChange, RepoView } from "../../../domain/forge.js";
import { type CodeStyle, formatCode, formatMember, formatSnippet } from "./code-style.js";
import { addImports, importBlock, type ImportNeed, type ImportStyle } from "./imports.js";
import type { JsProject } from "./project.js";
import { pruneHeader } from "./prune-header.js";

interface Insert {
  at: number;
  text: string;
  seq: number;
}

/** The whitespace the line holding `offset` starts with. */
export function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

/** Where a statement's own lines begin: its leading comments included, so new code never splits a comment from its statement. */
export function lineStartOf(node: ts.Node): number {
  const file = node.getSourceFile();
  const comments = ts.getLeadingCommentRanges(file.text, node.getFullStart()) ?? [];
  const first = comments[0]?.pos ?? node.getStart(file);
  return file.text.lastIndexOf("\n", first - 1) + 1;
}

function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * Changes to the repository's files, kept as insertions into each file's original text and
 * applied together, so positions read from one parse stay valid. New files are formatted whole;
 * snippets in existing files are formatted at their place, and the rest of the file is left alone.
 */
export class FileEditor {
  private readonly originals = new Map<string, string>();
  private readonly inserts = new Map<string, Insert[]>();
  private readonly imports = new Map<string, ImportNeed[]>();
  private readonly early = new Map<string, ImportNeed[]>();
  private readonly created = new Map<string, { body: string; imports: ImportNeed[]; raw: string[] }>();
  private seq = 0;

  constructor(
    private readonly project: JsProject,
    private readonly repo: RepoView,
    private readonly style: CodeStyle,
    private readonly importStyle: ImportStyle,
  ) {}

  async original(path: string): Promise<string | undefined> {
    if (!this.originals.has(path)) {
      const text = this.project.text(path) ?? (await this.repo.read(path));
      if (text === undefined) return undefined;
      this.originals.set(path, text);
    }
    return this.originals.get(path);
  }

  exists(path: string): boolean {
    return this.project.paths.has(path) || this.created.has(path);
  }

  /** Inserts a snippet as its own paragraph at a line start, indented like that line. */
  async insertAt(path: string, at: number, code: string, indent: string, opts: { blankBefore?: boolean; blankAfter?: boolean } = {}): Promise<void> {
    const text = (await this.original(path)) ?? "";
    const typescript = /\.[cm]?tsx?$/.test(path);
    const formatted = await formatSnippet(code, this.style, typescript, indent);
    const eol = eolOf(text);
    const before = opts.blankBefore ? eol : "";
    const after = opts.blankAfter === false ? "" : eol;
    this.add(path, at, `${before}${formatted.replace(/\n/g, eol)}${eol}${after}`);
  }

  /**
   * Inserts after a statement, as the next paragraph. Comment lines right after it that a blank
   * line separates from what follows close its block (`// END OF …`), so the new code goes after them.
   */
  async insertAfter(path: string, node: ts.Node, code: string): Promise<void> {
    const text = (await this.original(path)) ?? "";
    const end = node.getEnd();
    const lineEnd = text.indexOf("\n", end);
    let at = lineEnd === -1 ? text.length : lineEnd + 1;
    let probe = at;
    while (probe < text.length) {
      const next = text.indexOf("\n", probe);
      const line = text.slice(probe, next === -1 ? text.length : next).trim();
      if (!/^(\/\/|\/\*|\*)/.test(line)) {
        if (line === "" && probe > at) at = probe;
        break;
      }
      probe = next === -1 ? text.length : next + 1;
    }
    await this.insertAt(path, at, code, indentAt(text, node.getStart()), { blankBefore: true, blankAfter: false });
  }

  /** Adds a member (a method) to a class, after its last member. */
  async insertMember(path: string, lastMember: ts.Node, code: string): Promise<void> {
    const text = (await this.original(path)) ?? "";
    const lineEnd = text.indexOf("\n", lastMember.getEnd());
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    const eol = eolOf(text);
    const formatted = await formatMember(code, this.style, /\.[cm]?tsx?$/.test(path), indentAt(text, lastMember.getStart()));
    this.add(path, at, `${eol}${formatted.replace(/\n/g, eol)}${eol}`);
  }

  /** Inserts before a statement (and its leading comments), as the paragraph before it. */
  async insertBefore(path: string, node: ts.Node, code: string): Promise<void> {
    const text = (await this.original(path)) ?? "";
    await this.insertAt(path, lineStartOf(node), code, indentAt(text, node.getStart()), { blankAfter: true });
  }

  /** Inserts raw text (already formatted) at an offset. */
  add(path: string, at: number, text: string): void {
    const list = this.inserts.get(path) ?? [];
    list.push({ at, text, seq: this.seq++ });
    this.inserts.set(path, list);
  }

  /** Adds text at the end of a file, a new one included. */
  append(path: string, text: string): void {
    const created = this.created.get(path);
    if (created) created.body += text;
    else this.add(path, this.project.text(path)?.length ?? 0, text);
  }

  needImports(path: string, needs: ImportNeed[]): void {
    if (needs.length === 0) return;
    if (this.created.has(path)) this.created.get(path)!.imports.push(...needs);
    // A file about to be created gets its imports when it is.
    else if (!this.project.paths.has(path)) this.early.set(path, [...(this.early.get(path) ?? []), ...needs]);
    else this.imports.set(path, [...(this.imports.get(path) ?? []), ...needs]);
  }

  /** A new file: `imports` are rendered in the file's style, `raw` are import statements copied as they are. */
  create(path: string, body: string, imports: ImportNeed[] = [], raw: string[] = []): void {
    this.created.set(path, { body, imports: [...(this.early.get(path) ?? []), ...imports], raw });
    this.early.delete(path);
  }

  async changes(): Promise<FileChange[]> {
    const out: FileChange[] = [];
    for (const [path, { body, imports, raw }] of this.created) {
      const typescript = /\.[cm]?tsx?$/.test(path);
      // Copied imports keep only the names the new file uses: strict compilers reject the rest.
      const copied = raw.length > 0 ? pruneHeader(raw.join("\n"), body, typescript) : "";
      const block = [copied, importBlock(this.project, this.importStyle, path, dedupe(imports))].filter(Boolean).join("\n");
      out.push({ action: "create", path, content: await formatCode(`${block}${block ? "\n\n" : ""}${body}`, this.style, typescript) });
    }
    const paths = new Set([...this.inserts.keys(), ...this.imports.keys()]);
    for (const path of paths) {
      let text = (await this.original(path)) ?? "";
      const inserts = [...(this.inserts.get(path) ?? [])].sort((a, b) => b.at - a.at || b.seq - a.seq);
      for (const i of inserts) text = `${text.slice(0, i.at)}${i.text}${text.slice(i.at)}`;
      text = addImports(this.project, this.importStyle, path, text, dedupe(this.imports.get(path) ?? []));
      out.push({ action: "modify", path, content: text });
    }
    return out;
  }
}

function dedupe(needs: ImportNeed[]): ImportNeed[] {
  const seen = new Set<string>();
  return needs.filter((n) => {
    const key = `${n.module}|${n.name}|${n.local}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
