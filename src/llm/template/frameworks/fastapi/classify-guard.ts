import type { SyntaxNode } from "@lezer/common";
import { assignedValue, callArgs, callParts, childrenOf, descendants, dottedName, textOf, undecorated } from "../../python/syntax-tree.js";
import { evalIn } from "./constants.js";
import { readParams } from "./dependencies.js";
import { isLibraryName, libraryCall } from "./fastapi-names.js";
import type { DependencyUse } from "./fastapi-model.js";
import type { Project, PyModule, Ref } from "./python-project.js";

/** What a dependency does for authentication, as far as its code shows. */
export interface GuardKind {
  auth: boolean;
  scheme: "bearer" | "header" | "unknown";
  header?: string;
  /** Where the dependency is defined. */
  file?: string;
}

const BEARER = ["OAuth2PasswordBearer", "OAuth2AuthorizationCodeBearer", "HTTPBearer", "OAuth2"];
const OTHER_SCHEMES = ["APIKeyQuery", "APIKeyCookie", "HTTPBasic", "HTTPDigest", "OpenIdConnect"];
const AUTH_WORDS = /auth|user|token|secur|verify|validat|login|permission|api_?key|credential|admin|jwt|bearer|session|scope|role|guard|protect/i;
const DENIES = /\b(401|403)\b|HTTP_401|HTTP_403|UNAUTHORIZED|FORBIDDEN/;

// A guard depending on a scheme through a few helpers is common; deeper chains are not.
const MAX_DEPTH = 4;

function fromScheme(project: Project, module: PyModule, call: SyntaxNode): GuardKind | undefined {
  if (libraryCall(project, module, call, BEARER)) return { auth: true, scheme: "bearer" };
  if (libraryCall(project, module, call, ["APIKeyHeader"])) {
    const args = callArgs(module, callParts(call)!.args);
    const nameNode = args.keywords.get("name") ?? args.positional[0];
    const header = nameNode ? evalIn(project, module, nameNode) : undefined;
    return { auth: true, scheme: "header", ...(typeof header === "string" ? { header } : {}) };
  }
  if (libraryCall(project, module, call, OTHER_SCHEMES)) return { auth: true, scheme: "unknown" };
  return undefined;
}

function headerParam(project: Project, module: PyModule, func: SyntaxNode): GuardKind | undefined {
  const list = childrenOf(func).find((child) => child.name === "ParamList");
  for (const call of list ? descendants(list, "CallExpression") : []) {
    if (!libraryCall(project, module, call, ["Header"])) continue;
    const args = callArgs(module, callParts(call)!.args);
    const alias = args.keywords.get("alias");
    const aliasValue = alias ? evalIn(project, module, alias) : undefined;
    const param = readParams(project, module, func).find((p) => p.default !== undefined && p.default === textOf(module, call));
    const header = typeof aliasValue === "string" ? aliasValue : param?.name.replace(/_/g, "-");
    if (header?.toLowerCase() === "authorization") return { auth: true, scheme: "bearer" };
    return { auth: true, scheme: "header", ...(header ? { header } : {}) };
  }
  return undefined;
}

function fromFunction(project: Project, ref: Extract<Ref, { k: "def" }>, func: SyntaxNode, depth: number): GuardKind {
  const inner = readParams(project, ref.module, func)
    .map((param) => (param.dependency ? classify(project, param.dependency.ref, param.dependency.name, depth + 1) : undefined))
    .find((kind) => kind?.auth && kind.scheme !== "unknown");
  if (inner) return { ...inner, file: ref.module.path };
  const header = headerParam(project, ref.module, func);
  if (header) return { ...header, file: ref.module.path };
  const denies = DENIES.test(textOf(ref.module, func));
  return { auth: denies || AUTH_WORDS.test(ref.name), scheme: "unknown", file: ref.module.path };
}

function fromClass(project: Project, ref: Extract<Ref, { k: "def" }>, cls: SyntaxNode): GuardKind {
  const bases = childrenOf(cls).find((child) => child.name === "ArgList");
  const bearer = (bases ? childrenOf(bases) : []).some((base) => {
    const path = dottedName(ref.module, base);
    return path !== undefined && isLibraryName(project, ref.module, path, BEARER);
  });
  if (bearer) return { auth: true, scheme: "bearer", file: ref.module.path };
  return { auth: AUTH_WORDS.test(ref.name), scheme: "unknown", file: ref.module.path };
}

function classify(project: Project, ref: Ref | undefined, name: string, depth: number): GuardKind {
  const guess: GuardKind = { auth: AUTH_WORDS.test(name), scheme: "unknown" };
  if (!ref || depth > MAX_DEPTH) return guess;
  if (ref.k === "external") {
    const last = ref.qualified.split(".").pop() ?? "";
    if (BEARER.includes(last)) return { auth: true, scheme: "bearer" };
    return guess;
  }
  if (ref.k !== "def") return guess;
  const node = undecorated(ref.statement);
  if (node.name === "FunctionDefinition") return fromFunction(project, ref, node, depth);
  if (node.name === "ClassDefinition") return fromClass(project, ref, node);
  const value = assignedValue(node);
  const scheme = value ? fromScheme(project, ref.module, value) : undefined;
  return scheme ? { ...scheme, file: ref.module.path } : { ...guess, file: ref.module.path };
}

/** Whether a dependency authenticates the request, and with which scheme. */
export function classifyDependency(project: Project, use: DependencyUse): GuardKind {
  return classify(project, use.ref, use.name, 0);
}
