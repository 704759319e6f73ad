import type { FileChange } from "../../forge/forge.js";
import type { ExistingService } from "./build-blueprint.js";
import type { PathStyle } from "./docs/describe-operation.js";
import type { Analysis, Blueprint, ResourceNames } from "./model.js";

export interface TestsOutput {
  change: FileChange;
  testNames: string[];
  /** The test file the new one follows. */
  model: string;
}

/** What the template provider needs from one framework; the agents' flow is the same for all. */
export interface FrameworkAdapter {
  existing(names: ResourceNames): ExistingService;
  writeCode(bp: Blueprint): Promise<Analysis<FileChange[]>>;
  writeTests(bp: Blueprint): Promise<Analysis<TestsOutput>>;
  pathStyle: PathStyle;
  errorKey: string;
  /** Where the service listens by default, for the docs' examples. */
  port: number;
}

