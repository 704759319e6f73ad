import { readFile } from "node:fs/promises";
import { type Command, InvalidArgumentError, Option } from "commander";
import { localScope } from "../../auth/local-scope.js";
import { addDocument } from "../../kb/add-document.js";
import { DocumentKind } from "../../kb/schema.js";
import { searchDocuments } from "../../kb/search-documents.js";
import { openRuntime, type Runtime } from "../../app/runtime.js";

function installationId(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError("expected an installation id (a whole number)");
  return Number(value);
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError("expected a number from 1 to 50");
  return n;
}

async function withRuntime(run: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openRuntime();
  try {
    await run(runtime);
  } finally {
    await runtime.close();
  }
}

/** Terminals show bold for the `**` marks ts_headline puts around matches. */
function emphasise(text: string, tty: boolean): string {
  return tty ? text.replace(/\*\*(.+?)\*\*/g, "\u001b[1m$1\u001b[22m") : text;
}

/** `archon kb search` and `archon kb add` on the runtime's database (installation 0 unless told). */
export function registerKbCommand(program: Command): void {
  const kb = program.command("kb").description("Search and add to the knowledge base");
  const installationOption = () =>
    new Option("--installation <id>", "installation whose knowledge base to use").argParser(installationId).default(0);

  kb.command("search")
    .description("Full-text search: words, \"exact phrases\", OR, -excluded")
    .argument("<query>", "what to look for")
    .option("--repo <owner/name>", "only this repository's documents")
    .addOption(new Option("--kind <kind>", "only this kind of document").choices(DocumentKind.options))
    .option("--limit <n>", "how many results", count, 10)
    .option("--json", "print JSON")
    .addOption(installationOption())
    .action(async (query: string, options: { repo?: string; kind?: DocumentKind; limit: number; json?: boolean; installation: number }) => {
      await withRuntime(async ({ database }) => {
        const scope = await localScope(database.db, options.installation);
        const page = await searchDocuments(database.db, scope, { q: query, repository: options.repo, kind: options.kind, limit: options.limit });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        if (page.results.length === 0) {
          process.stdout.write(`No documents match ${JSON.stringify(query)}.\n`);
          return;
        }
        const tty = process.stdout.isTTY === true;
        for (const hit of page.results) {
          const where = [hit.repository ?? "installation", hit.path].filter(Boolean).join(":");
          process.stdout.write(`#${hit.id} [${hit.kind}] ${emphasise(hit.titleHighlight, tty)}  (${where})\n    ${emphasise(hit.snippet.replace(/\s+/g, " "), tty)}\n`);
        }
      });
    });

  kb.command("add")
    .description("Add a document from a file")
    .requiredOption("--title <title>", "document title")
    .addOption(new Option("--kind <kind>", "kind of document").choices(DocumentKind.options).makeOptionMandatory())
    .requiredOption("--file <path>", "file holding the body (markdown or text); - for stdin")
    .option("--repo <owner/name>", "file it under this repository")
    .option("--path <path>", "where the document lives in the repository")
    .addOption(installationOption())
    .action(async (options: { title: string; kind: DocumentKind; file: string; repo?: string; path?: string; installation: number }) => {
      const body = options.file === "-" ? await readStdin() : await readFile(options.file, "utf8").catch((error: NodeJS.ErrnoException) => {
        program.error(`Cannot read ${options.file}: ${error.code ?? error.message}`, { exitCode: 2 });
      });
      await withRuntime(async ({ database }) => {
        const scope = await localScope(database.db, options.installation);
        const added = await addDocument(database.db, scope, {
          kind: options.kind,
          title: options.title,
          body: body ?? "",
          repository: options.repo,
          path: options.path,
        });
        if (!added.ok) program.error(`Cannot add the document: ${added.error.message}`, { exitCode: 1 });
        else process.stdout.write(`Added document #${added.value.id}: ${added.value.title}\n`);
      });
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
