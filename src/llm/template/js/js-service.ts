import type { FieldSpec, HttpMethod } from "../../../agents/task-request.js";
import type { ServiceRoute } from "../model.js";
import type { JsStyle } from "../source/code-style.js";

export interface JsRouteCall {
  method: HttpMethod;
  /** Path as written in the file, relative to the file's mount. */
  local: string;
  /** Offset of the statement's first character. */
  start: number;
}

export interface JsRouteFile {
  path: string;
  text: string;
  /** The identifier routes are declared on: `router`, `app`, `fastify`. */
  receiver: string;
  /** Prefix applied where the file is registered: `app.use('/todos', router)` or fastify's `prefix`. */
  mount: string;
  calls: JsRouteCall[];
  /** How the file hands its routes out. */
  exportStyle: "commonjs" | "default" | "named" | "none";
  /** The exported name (named exports) or the local name the app imports it as. */
  exportName: string | undefined;
}

export interface JsStore {
  /** Identifier in the route file. */
  name: string;
  kind: "array" | "map";
  /** Expression giving the next id, when the repository has a counter or helper for it. */
  nextId: string | undefined;
}

export interface JsService {
  kind: "js";
  framework: "express" | "fastify";
  typescript: boolean;
  /** Written with import/export (ES modules, or TypeScript whatever it compiles to). */
  esm: boolean;
  /** Relative import specifiers carry the file extension (`./routes/todos.js`). */
  keepExtension: boolean;
  /** Extension for new source files. */
  ext: string;
  app: { path: string; text: string; receiver: string };
  routeFiles: JsRouteFile[];
  routes: ServiceRoute[];
  style: JsStyle;
  /** Key of the JSON error bodies the repository answers with: `error` or `message`. */
  errorKey: string;
  routesDir: string;
  /** Every path in the repository. */
  files: Set<string>;
}

export interface JsResource {
  file: JsRouteFile;
  store: JsStore | undefined;
  /** Fields the existing create route reads from the body. */
  createFields: FieldSpec[];
}
