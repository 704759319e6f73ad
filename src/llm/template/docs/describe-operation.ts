import type { Blueprint, OperationSpec } from "../model.js";

/** Paths as the framework writes them: `/todos/:id`, or FastAPI's `/todos/{todo_id}`. */
export type PathStyle = (path: string) => string;

export function exampleBody(bp: Blueprint): string {
  return `{ ${bp.fields.map((f) => `"${f.name}": ${f.type === "string" ? '"..."' : f.type === "number" ? "1" : "true"}`).join(", ")} }`;
}

/** One line about an operation, for the README and the reference page's table. */
export function describeOperation(op: OperationSpec, bp: Blueprint): string {
  const { singular, plural } = bp.names;
  switch (op.operation) {
    case "list":
      return `list all ${plural}.`;
    case "get":
      return `get one ${singular} by id; ${op.successStatus}, or 404 when there is none.`;
    case "create":
      return `create a ${singular} from \`${exampleBody(bp)}\`; ${op.successStatus} with the ${singular}, ${bp.validationStatus} when a field is missing or of the wrong type.`;
    case "update":
      return `${op.method === "PATCH" ? "change some fields of" : "replace the fields of"} a ${singular}; ${op.successStatus} with the ${singular}, 404 when there is none, ${bp.validationStatus} on an invalid body.`;
    case "delete":
      return `delete a ${singular}; ${op.successStatus}, or 404 when there is none.`;
  }
}
