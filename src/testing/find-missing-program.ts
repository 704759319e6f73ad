import { isOnPath } from "./find-on-path.js";
import { programsOfCommand } from "./programs-of-command.js";

/**
 * The program a test command needs and this machine lacks, before running it: undefined when
 * every program it names is installed, or when the command cannot be read (then a missing one
 * shows in the run's output, see missingProgramInOutput).
 */
export function findMissingProgram(command: string, isInstalled: (program: string) => boolean = (p) => isOnPath(p)): string | undefined {
  const alternatives = programsOfCommand(command);
  if (!alternatives || alternatives.some(isInstalled)) return undefined;
  return alternatives[0];
}
