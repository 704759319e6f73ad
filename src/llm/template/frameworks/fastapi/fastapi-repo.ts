import type { PythonStyle } from "../../python/python-style.js";
import type { Guard, RepoConstant } from "../framework.js";
import type { AppStructure, DependencyUse, Mount } from "./fastapi-model.js";
import type { Collection, ServedRoute } from "./find-resources.js";
import type { PydanticMajor, PydanticModel } from "./pydantic-models.js";
import type { Project } from "./python-project.js";
import type { AuthUse, TestHarness } from "./test-model.js";

/** A route with one of its full paths and the authentication it passes through there. */
export interface ServedRouteInfo extends ServedRoute {
  mount: Mount;
  /** Authentication dependencies, from the app down to the parameters. */
  guards: DependencyUse[];
}

export interface GuardInfo {
  guard: Guard;
  uses: DependencyUse[];
}

/** How the repository writes FastAPI code, beyond plain Python habits. */
export interface RepoStyle extends PythonStyle {
  asyncHandlers: boolean;
  /** Routes declare `response_model=`. */
  responseModels: boolean;
  /** Handlers annotate what they return. */
  returnAnnotations: boolean;
}

/** Everything the reader learned, kept for writing. */
export interface FastapiRepo {
  project: Project;
  /** Every file path of the repository (not only Python). */
  files: Set<string>;
  structure: AppStructure;
  major: PydanticMajor;
  models: PydanticModel[];
  served: ServedRouteInfo[];
  guards: GuardInfo[];
  collections: Collection[];
  tests: TestHarness;
  authUses: AuthUse[];
  style: RepoStyle;
  constants: RepoConstant[];
}
