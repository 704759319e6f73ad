import type { SyntaxNode } from "@lezer/common";
import type { HttpMethod } from "../../../../understand/spec.js";
import type { CallArgs } from "../../python/syntax-tree.js";
import type { PyModule, Ref } from "./python-project.js";

/** A FastAPI app or an APIRouter: something routes are declared on and routers are included in. */
export interface Mountable {
  id: number;
  kind: "app" | "router";
  module: PyModule;
  /** The variable it is assigned to where it is created: `api_router`, `fast_app`. */
  variable: string;
  /** The block it is created in: the module's Script, or the body of an app factory. */
  scope: SyntaxNode;
  statement: SyntaxNode;
  args: CallArgs;
  /** For an app built by a function (`get_app`, `create_app`): that function's name. */
  factory?: string;
  /** `APIRouter(prefix=...)`. */
  ownPrefix: string;
  /** `dependencies=[...]` given where it is created. */
  dependencies: DependencyUse[];
}

/** A `Depends(x)` or `Security(x)` somewhere a route passes through. */
export interface DependencyUse {
  /** As written inside the call: `security.validate_request`, `get_current_user`. */
  name: string;
  /** The whole call as written: `Depends(security.validate_request)`. */
  callText: string;
  ref: Ref | undefined;
  module: PyModule;
  call: "Depends" | "Security";
  where: "param" | "decorator" | "router" | "include" | "app";
  /** For a parameter: its name and its whole text, `authenticated: bool = Depends(security.validate_request)`. */
  param?: { name: string; text: string };
}

/** `parent.include_router(child, prefix=...)`. */
export interface Include {
  parent: Mountable;
  child: Mountable;
  module: PyModule;
  statement: SyntaxNode;
  /** How the child is written in the call: `heartbeat.router`, `api_router`. */
  childText: string;
  prefix: string;
  args: CallArgs;
  dependencies: DependencyUse[];
}

export interface RouteParam {
  name: string;
  annotation?: string;
  default?: string;
  dependency?: DependencyUse;
}

/** A route declared with a decorator: `@router.get("/heartbeat", response_model=...)`. */
export interface Route {
  methods: HttpMethod[];
  /** The decorator's path, FastAPI style: `/{item_id}`. */
  localPath: string;
  mountable: Mountable;
  module: PyModule;
  statement: SyntaxNode;
  func: SyntaxNode;
  funcName: string;
  isAsync: boolean;
  decorator: CallArgs;
  params: RouteParam[];
  returnAnnotation?: string;
  /** Dependencies of the decorator and the parameters. */
  dependencies: DependencyUse[];
}

/** One way a mountable is reached from an app: its full prefix and what it passes through. */
export interface Mount {
  prefix: string;
  dependencies: DependencyUse[];
  /** The include calls on the way, outermost first. */
  via: Include[];
  /** True when no include reaches it from an app (an orphan router). */
  orphan: boolean;
  /** The app at the top, unless orphan. */
  root: Mountable | undefined;
}

export interface AppStructure {
  apps: Mountable[];
  /** The app the service runs. */
  main: Mountable;
  mountables: Mountable[];
  includes: Include[];
  routes: Route[];
  mounts: Map<Mountable, Mount[]>;
}
