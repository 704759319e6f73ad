import type { Provider } from "../provider.js";
import { assessTask } from "./assess-task.js";
import { runTemplate } from "./run-template.js";

/** The built-in provider: deterministic, no network, no model. */
export function createTemplateProvider(): Provider {
  return { name: "template", model: undefined, assess: assessTask, run: runTemplate };
}
