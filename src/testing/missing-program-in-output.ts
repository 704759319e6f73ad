/** What `sh` exits with when it cannot find the program to run. */
const NOT_FOUND_EXIT = 127;

// dash "sh: 1: pnpm: not found", bash "bash: line 1: pnpm: command not found", env "env: ‘pnpm’:
// No such file or directory", pyenv's shims "pyenv: pytest: command not found".
const NOT_FOUND = /^(?:\S*\/)?(?:sh|bash|dash|ash|ksh|zsh|env|pyenv)(?::\s*(?:line\s+)?\d+)?:\s*['‘"]?([^\s'’":]+)['’"]?:\s*(?:command not found|not found|No such file or directory)\s*$/m;
// zsh words it the other way round.
const ZSH_NOT_FOUND = /^(?:\S*\/)?zsh:\s*command not found:\s*(\S+)\s*$/m;
// yarn 1 reports the script's 127 and exits 1 itself.
const YARN_127 = /Command failed with exit code 127\b/;
// The interpreter's own line for `python3 -m pytest` without pytest; a test's failing import is
// printed as "ModuleNotFoundError: No module named 'x'" instead and does not match.
const NO_MODULE = /^(?:\S*\/)?python[\d.]*:\s*No module named\s+([\w.]+)\s*$/m;

/**
 * The program a finished test command could not find, read from its exit code and output:
 * undefined when the tests ran (whatever their result) or the output names no missing program.
 */
export function missingProgramInOutput(exitCode: number | null, output: string): string | undefined {
  if (exitCode === null || exitCode === 0) return undefined;
  if (exitCode === NOT_FOUND_EXIT || YARN_127.test(output)) {
    const found = NOT_FOUND.exec(output) ?? ZSH_NOT_FOUND.exec(output);
    if (found) return found[1];
  }
  return NO_MODULE.exec(output)?.[1];
}
