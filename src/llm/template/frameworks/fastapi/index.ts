import type { Framework } from "../framework.js";
import { readFastapi } from "./read-fastapi.js";

export const fastapi: Framework = { id: "fastapi", read: readFastapi };
