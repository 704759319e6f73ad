import { userInfo } from "node:os";
import { type Command, InvalidArgumentError, Option } from "commander";
import { Audience, RepositoryFullName } from "../../auth/schema.js";
import { parseTtl } from "../../auth/ttl.js";
import { createToken } from "../../auth/token.js";
import { loadConfig } from "../../config/load-config.js";

function installationId(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError("expected an installation id (a whole number; 0 is the local installation)");
  return Number(value);
}

function repository(value: string, previous: string[] = []): string[] {
  const parsed = RepositoryFullName.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected owner/name, got ${JSON.stringify(value)}`);
  return [...previous, parsed.data];
}

function ttl(value: string): number {
  const seconds = parseTtl(value);
  if (seconds === undefined) throw new InvalidArgumentError("expected a lifetime like 30d, 12h or 15m (at most a year)");
  return seconds;
}

function defaultSubject(): string {
  try {
    return userInfo().username;
  } catch {
    return "cli";
  }
}

/** `archon token create`: prints one signed token for the REST API or the MCP server. */
export function registerTokenCommand(program: Command): void {
  const token = program.command("token").description("Make bearer tokens for the REST API and the MCP server");
  token
    .command("create")
    .description("Print a token scoped to one installation (and, with --repo, some of its repositories)")
    .requiredOption("--installation <id>", "installation id the token may see (0: the local installation)", installationId)
    .option("--repo <owner/name>", "limit the token to this repository (repeatable)", repository)
    .option("--ttl <lifetime>", "how long the token lives: 30d, 12h, 15m", ttl, parseTtl("30d"))
    .addOption(new Option("--audience <audience>", "what the token is for").choices(Audience.options).default("archon-api"))
    .option("--subject <name>", "who the token is for, recorded on the tasks it creates", defaultSubject())
    .action(async (options: { installation: number; repo?: string[]; ttl: number; audience: Audience; subject: string }) => {
      const config = loadConfig();
      if (!config.ARCHON_JWT_SECRET) {
        program.error("ARCHON_JWT_SECRET is unset: set it (at least 32 characters, the same value `archon serve` uses) to make tokens.", {
          exitCode: 2,
        });
      }
      const jwt = await createToken(config.ARCHON_JWT_SECRET, {
        installationId: options.installation,
        repositories: options.repo,
        audience: options.audience,
        ttl: options.ttl,
        subject: options.subject,
      });
      process.stdout.write(`${jwt}\n`);
    });
}
