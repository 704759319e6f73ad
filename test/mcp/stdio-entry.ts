// Runs `archon mcp` through its own command registration, for the stdio test to spawn.
import { Command } from "commander";
import { registerMcpCommand } from "../../src/cli/commands/mcp.js";

const program = new Command().name("archon");
registerMcpCommand(program);
await program.parseAsync(process.argv);
