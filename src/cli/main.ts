// The `archon` command line (bin/archon.js runs this, or its bundle in dist/).
import { main } from "./program.js";

await main(process.argv);
