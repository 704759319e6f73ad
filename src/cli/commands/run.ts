import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { type Command, InvalidArgumentError } from "commander";
import { STATUS_WORDS } from "../../archon/next-steps.js";
import type { CostEstimate } from "../../domain/cost-estimate.js";
import type { PlanDraft } from "../../domain/plan.js";
import type { RepoConfig } from "../../archon/repo-config.schema.js";
import type { TaskSpec } from "../../domain/task-spec.js";
import { LocalForgeError } from "../../forge/local/errors.js";
import { describeDirtyCheckout } from "../../local/dirty-checkout.js";
import { BAD_INPUT_OUTCOMES, type LocalTaskReport } from "../../local/local-report.js";
import { prepareWorkspace } from "../../local/prepare-workspace.js";
import { renderPlan, renderProgress, renderSummary } from "../../local/render-report.js";
import { runLocalTask } from "../../local/run-local-task.js";
import { type TaskInputResult, taskFromInput } from "../../local/task-from-input.js";
import { providerFor } from "../../worker/providers.js";
import type { BudgetSource } from "../../llm/openai/budget.js";
import { type InterruptHandler, onInterrupt } from "../interrupt.js";
import { type Runtime, openRuntime } from "../../app/runtime.js";

/** What the command touches outside itself; tests give their own. */
export interface RunCommandIo {
  openRuntime: () => Promise<Runtime>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether a person is there to answer the approval question. */
  interactive: boolean;
  /** Asks on the terminal; an aborted signal stops asking and counts as no. */
  ask: (question: string, signal?: AbortSignal) => Promise<string>;
  setExitCode: (code: number) => void;
  /** Listens for Ctrl-C, SIGTERM and a closed output pipe during a run; none when left out. */
  onInterrupt?: ((handler: InterruptHandler) => () => void) | undefined;
}

interface RunOptions {
  repo?: string;
  spec?: string;
  provider?: "template" | "openai";
  model?: string;
  yes?: boolean;
  json?: boolean;
  maxFixAttempts?: number;
}

const SPEC_HELP = `
A spec file (--spec) is markdown in the shape of the "Archon task" issue form. Its first line
"# Title" is the task's title unless the task text is given too; then the text is the title.
The headings it reads (any level, any order, each optional):

  # Add GET /todos/:id

  ### What to build
  Return one todo by id, or 404 when there is none.

  ### Acceptance criteria
  - GET /todos/1 answers 200 with the todo
  - GET /todos/999 answers 404

  ### Kind of change
  endpoint

  ### Files or areas involved
  src/routes/todos.js

Acceptance criteria and areas take one item per line (bullets and checkboxes allowed); the kind of
change is endpoint, feature, fix, docs or tests. Without a "What to build" heading the whole file
below the title is the description, and the acceptance criteria come from an "Acceptance criteria"
section or from "- [ ]" checklist items.

Example:
  archon run --repo ../my-api --spec task.md --yes
`;

function defaultIo(): RunCommandIo {
  return {
    openRuntime: () => openRuntime(),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async ask(question, signal) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      // On a terminal readline takes Ctrl-C for itself; it is passed on, so the run stops as anywhere else.
      rl.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
      try {
        return await rl.question(question, signal ? { signal } : {});
      } catch (error) {
        if (signal?.aborted) return "";
        throw error;
      } finally {
        rl.close();
      }
    },
    setExitCode: (code) => {
      process.exitCode = code;
    },
    onInterrupt: (handler) => onInterrupt(handler),
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

/** A problem with the flags themselves, found before anything is opened or read. */
function problemWithOptions(options: RunOptions, io: RunCommandIo): string | undefined {
  if (options.provider && options.provider !== "template" && options.provider !== "openai") {
    return `--provider must be template or openai, not ${JSON.stringify(options.provider)}.`;
  }
  if (!options.repo) return "archon run needs --repo <path>: the git repository to work on.";
  if (!options.yes && !io.interactive) {
    return "Archon shows the plan and asks before it writes anything, but there is no terminal to ask on. Pass --yes to approve the plan up front.";
  }
  return undefined;
}

async function readTask(words: string[], specFile: string | undefined): Promise<TaskInputResult> {
  let specText: string | undefined;
  if (specFile) {
    try {
      specText = await readFile(specFile, "utf8");
    } catch (error) {
      return { ok: false, problem: `Cannot read the spec file ${specFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` };
    }
  }
  return taskFromInput(words.join(" "), specText);
}

export function registerRunCommand(program: Command, io: RunCommandIo = defaultIo()): void {
  program
    .command("run")
    .description("Plan a task on a local git repository, run the agents, commit on archon/task-<id>, run the tests and report.")
    .argument("[task...]", 'what to build, e.g. "Add GET /todos/:id returning the todo or 404"')
    .option("--repo <path>", "the git repository to work on (required); a folder inside one is copied to a repository of its own")
    .option("--spec <file>", "a markdown file in the issue form's shape: # Title, What to build, Acceptance criteria, ... (see below)")
    .option("--provider <name>", "template (built in) or openai (any OpenAI-compatible endpoint)")
    .option("--model <name>", "model for the openai provider (default ARCHON_MODEL)")
    .option("--yes", "approve the plan without asking")
    .option("--json", "print the report as JSON on stdout (progress goes to stderr)")
    .option("--max-fix-attempts <n>", "fix attempts when the tests fail (default: the repository's maxFixAttempts, 3)", attempts)
    .addHelpText("after", SPEC_HELP)
    .action(async (words: string[], options: RunOptions) => {
      const fail = (text: string) => {
        say(io, text);
        io.setExitCode(2);
      };
      const problem = problemWithOptions(options, io);
      if (problem) return fail(problem);
      const task = await readTask(words, options.spec);
      if (!task.ok) return fail(task.problem);
      const runtime = await io.openRuntime();
      try {
        await runTask(io, runtime, task.spec, { ...options, repo: options.repo! }, fail);
      } finally {
        await runtime.close();
      }
    });
}

function say(io: RunCommandIo, text: string): void {
  io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** The line a stopped run ends with: what stopped it and where that left the task. */
function stoppedLine(reason: string, report: LocalTaskReport): string {
  const where =
    report.status === "cancelled"
      ? "is cancelled"
      : // Stopped between its last step and its end: it ended as it was going to.
        `ended ${STATUS_WORDS[report.status].toLowerCase()} before it could stop`;
  return `Stopped: ${reason}. Task ${report.taskId} ${where}; nothing is left running.`;
}

/** Shows the plan and asks, unless --yes approved it up front; a stopped run approves nothing. */
function approver(io: RunCommandIo, options: RunOptions, signal: AbortSignal): (plan: PlanDraft, estimate?: CostEstimate) => Promise<boolean> {
  return async (plan, estimate) => {
    if (options.yes) {
      if (!options.json) io.stdout.write(renderPlan(plan, estimate));
      return true;
    }
    io.stdout.write(renderPlan(plan, estimate));
    const answer = await io.ask("Approve this plan and let the agents write? [y/N] ", signal);
    return !signal.aborted && /^\s*y(es)?\s*$/i.test(answer);
  };
}

/** The run itself, once the input is read: workspace, warnings, the task, and how it ended. */
async function runTask(io: RunCommandIo, runtime: Runtime, spec: TaskSpec, options: RunOptions & { repo: string }, fail: (text: string) => void): Promise<void> {
  const config = runtime.config;
  if ((options.provider ?? config.ARCHON_PROVIDER) === "openai" && !(options.model ?? config.ARCHON_MODEL)) {
    return fail("The openai provider needs a model: pass --model <name> or set ARCHON_MODEL (and OPENAI_BASE_URL, OPENAI_API_KEY).");
  }
  // The flags win over the repository's .github/archon.yml, which wins over the environment;
  // its budgetUsd holds for the whole run, fix attempts included.
  const provider = (repoConfig: RepoConfig, budget?: BudgetSource) =>
    providerFor(config, { provider: options.provider ?? repoConfig.provider, model: options.model ?? repoConfig.model, agentMode: repoConfig.agentMode }, budget ?? repoConfig.budgetUsd);
  let workspace;
  try {
    workspace = await prepareWorkspace(options.repo, config.ARCHON_DATA_DIR);
  } catch (error) {
    if (error instanceof LocalForgeError) return fail(error.message);
    throw error;
  }
  if (workspace.note) say(io, workspace.note);
  const dirty = await describeDirtyCheckout(workspace.root);
  if (dirty) say(io, dirty);

  const style = { tty: io.interactive && !options.json };
  const controller = new AbortController();
  let stoppedWith = 1;
  const stopListening = io.onInterrupt?.((reason, exitCode) => {
    stoppedWith = exitCode;
    controller.abort(reason);
  });
  try {
    const approve = approver(io, options, controller.signal);
    const progress = (event: Parameters<typeof renderProgress>[0]) => say(io, renderProgress(event, style));
    const report = await runLocalTask(
      { repoPath: workspace.root, spec, maxFixAttempts: options.maxFixAttempts },
      { db: runtime.database.db, provider, progress, approve, signal: controller.signal, dataDir: config.ARCHON_DATA_DIR },
    ).catch((error: unknown) => {
      if (error instanceof LocalForgeError) return error;
      throw error;
    });
    if (report instanceof LocalForgeError) return fail(report.message);
    if (controller.signal.aborted) {
      say(io, stoppedLine(String(controller.signal.reason), report));
      return io.setExitCode(stoppedWith);
    }
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderSummary(report, style));
    io.setExitCode(exitCodeFor(report));
  } finally {
    stopListening?.();
  }
}
