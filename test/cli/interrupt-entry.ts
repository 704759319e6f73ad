// A command that listens with onInterrupt, for the interrupt test to stop with real signals and a
// real closed pipe. argv[2]: how long its clean-up takes, in milliseconds.
import { onInterrupt } from "../../src/cli/interrupt.js";

const cleanupMs = Number(process.argv[2] ?? "100");
// The work: output as it goes, until stopped.
const work = setInterval(() => process.stdout.write("working\n"), 20);
const stop = onInterrupt((reason, exitCode) => {
  clearInterval(work);
  process.stderr.write(`stopping: ${reason}\n`);
  setTimeout(() => {
    process.stderr.write("cleaned up\n");
    stop();
    process.exitCode = exitCode;
  }, cleanupMs);
});
process.stdout.write("ready\n");
