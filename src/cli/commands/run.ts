import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { type Command, InvalidArgumentError } from "commander";
import type { PlanDraft } from "../../archon/plan.js";
import type { RepoConfig } from "../../archon/repo-config.schema.js";
import { LocalForgeError } from "../../forge/local/errors.js";
import { BAD_INPUT_OUTCOMES, type LocalTaskReport } from "../../local/local-report.js";
import { prepareWorkspace } from "../../local/prepare-workspace.js";
import { renderPlan, renderProgress, renderSummary } from "../../local/render-report.js";
import { runLocalTask } from "../../local/run-local-task.js";
import { taskFromInput } from "../../local/task-from-input.js";
import { providerFor } from "../../worker/providers.js";
import { type Runtime, openRuntime } from "../runtime.js";

/** What the command touches outside itself; tests give their own. */
export interface RunCommandIo {
  openRuntime: () => Promise<Runtime>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether a person is there to answer the approval question. */
  interactive: boolean;
  ask: (question: string) => Promise<string>;
  setExitCode: (code: number) => void;
}

interface RunOptions {
  repo: string;
  spec?: string;
  provider?: "template" | "openai";
  model?: string;
  yes?: boolean;
  json?: boolean;
  maxFixAttempts?: number;
}

function defaultIo(): RunCommandIo {
  return {
    openRuntime: () => openRuntime(),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

function attempts(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new InvalidArgumentError("expected a whole number from 0 to 10");
  return n;
}

/** 0 when the tests pass, 2 when the input was the problem, 1 otherwise. */
export function exitCodeFor(report: LocalTaskReport): number {
  if (report.outcome === "passed") return 0;
  return BAD_INPUT_OUTCOMES.includes(report.outcome) ? 2 : 1;
}

export function registerRunCommand(program: Command, io: RunCommandIo = defaultIo()): void {
  program
    .command("run")
    .description("Plan a task on a local git repository, run the agents, commit on archon/task-<id>, run the tests and report.")
    .argument("[task...]", 'what to build, e.g. "Add GET /todos/:id returning the todo or 404"')
    .option("--repo <path>", "the git repository to work on", ".")
    .option("--spec <file>", "a markdown file with the issue form's fields (What to build, Acceptance criteria, ...)")
    .option("--provider <name>", "template (built in) or openai (any OpenAI-compatible endpoint)")
    .option("--model <name>", "model for the openai provider (default ARCHON_MODEL)")
    .option("--yes", "approve the plan without asking")
    .option("--json", "print the report as JSON on stdout (progress goes to stderr)")
    .option("--max-fix-attempts <n>", "fix attempts when the tests fail (default: the repository's maxFixAttempts, 3)", attempts)
    .action(async (words: string[], options: RunOptions) => {
      const say = (text: string) => io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
      const fail = (text: string) => {
        say(text);
        io.setExitCode(2);
      };
      if (options.provider && options.provider !== "template" && options.provider !== "openai") {
        return fail(`--provider must be template or openai, not ${JSON.stringify(options.provider)}.`);
      }
      if (!options.yes && !io.interactive) {
        return fail("Archon shows the plan and asks before it writes anything, but there is no terminal to ask on. Pass --yes to approve the plan up front.");
      }
      let specText: string | undefined;
      if (options.spec) {
        try {
          specText = await readFile(options.spec, "utf8");
        } catch (error) {
          return fail(`Cannot read the spec file ${options.spec}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
        }
      }
      const task = taskFromInput(words.join(" "), specText);
      if (!task.ok) return fail(task.problem);

      const runtime = await io.openRuntime();
      try {
        const config = runtime.config;
        if ((options.provider ?? config.ARCHON_PROVIDER) === "openai" && !(options.model ?? config.ARCHON_MODEL)) {
          return fail("The openai provider needs a model: pass --model <name> or set ARCHON_MODEL (and OPENAI_BASE_URL, OPENAI_API_KEY).");
        }
        // The flags win over the repository's .github/archon.yml, which wins over the environment;
        // its budgetUsd holds for the whole run, fix attempts included.
        const provider = (repoConfig: RepoConfig) =>
          providerFor(config, { provider: options.provider ?? repoConfig.provider, model: options.model ?? repoConfig.model }, repoConfig.budgetUsd);
        let workspace;
        try {
          workspace = await prepareWorkspace(options.repo, config.ARCHON_DATA_DIR);
        } catch (error) {
          if (error instanceof LocalForgeError) return fail(error.message);
          throw error;
        }
        if (workspace.note) say(workspace.note);
        const style = { tty: io.interactive && !options.json };
        const report = await runLocalTask(
          { repoPath: workspace.root, spec: task.spec, maxFixAttempts: options.maxFixAttempts },
          {
            db: runtime.database.db,
            provider,
            progress: (event) => say(renderProgress(event, style)),
            approve: async (plan: PlanDraft) => {
              if (options.yes) {
                if (!options.json) io.stdout.write(renderPlan(plan));
                return true;
              }
              io.stdout.write(renderPlan(plan));
              const answer = await io.ask("Approve this plan and let the agents write? [y/N] ");
              return /^\s*y(es)?\s*$/i.test(answer);
            },
          },
        ).catch((error: unknown) => {
          if (error instanceof LocalForgeError) return error;
          throw error;
        });
        if (report instanceof LocalForgeError) return fail(report.message);
        io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderSummary(report, style));
        io.setExitCode(exitCodeFor(report));
      } finally {
        await runtime.close();
      }
    });
}
