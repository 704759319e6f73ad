import type { Blueprint, OperationSpec } from "../model.js";
import { describeOperation, exampleBody, type PathStyle } from "./describe-operation.js";

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function example(op: OperationSpec, bp: Blueprint, port: number): string {
  const url = `http://localhost:${port}${op.path.replace(/:[^/]+/g, "1")}`;
  const body = op.operation === "create" || op.operation === "update" ? ` -H 'content-type: application/json' -d '${exampleBody(bp)}'` : "";
  const method = op.method === "GET" ? "" : ` -X ${op.method}`;
  return `curl${method} ${url}${body}`;
}

/** The reference section for one endpoint. */
export function renderEndpointSection(op: OperationSpec, bp: Blueprint, path: PathStyle, errorKey: string, port: number): string {
  const { singular } = bp.names;
  const lines = [`## ${op.method} ${path(op.path)}`, "", capitalise(describeOperation(op, bp)), ""];
  if (op.param) lines.push(`Path parameter: \`${path(`:${op.param}`).replace(/^[:{]|}$/g, "")}\`, the ${singular}'s id.`, "");
  if (op.operation === "create" || op.operation === "update") {
    lines.push("| Field | Type | Required |", "| --- | --- | --- |");
    for (const f of bp.fields) lines.push(`| \`${f.name}\` | ${f.type} | ${op.method === "PATCH" ? "no" : "yes"} |`);
    lines.push("");
  }
  lines.push("Responses:", "");
  const success = op.operation === "delete" ? "no body" : op.operation === "list" ? `a JSON array of ${bp.names.plural}` : `the ${singular} as JSON`;
  lines.push(`- \`${op.successStatus}\`: ${success}.`);
  if (op.param) lines.push(`- \`404\`: no ${singular} has that id${errorKey ? ` (\`{ "${errorKey}": "${singular} not found" }\`)` : ""}.`);
  if (op.operation === "create" || op.operation === "update") lines.push(`- \`${bp.validationStatus}\`: the body is missing a field or has one of the wrong type.`);
  lines.push("", "```sh", example(op, bp, port), "```");
  return lines.join("\n");
}

/** A reference page for the resource's new endpoints. */
export function renderApiPage(bp: Blueprint, path: PathStyle, errorKey: string, port: number): string {
  const title = `${capitalise(bp.names.plural)} API`;
  const intro = bp.isNewResource
    ? `${capitalise(bp.names.plural)} are kept in memory by the service, so they start empty on every restart.`
    : `Endpoints on ${bp.names.plural}.`;
  const table = ["| Method | Path | Description |", "| --- | --- | --- |", ...bp.operations.map((op) => `| ${op.method} | \`${path(op.path)}\` | ${capitalise(describeOperation(op, bp))} |`)];
  const sections = bp.operations.map((op) => renderEndpointSection(op, bp, path, errorKey, port));
  return `# ${title}\n\n${intro}\n\n${table.join("\n")}\n\n${sections.join("\n\n")}\n`;
}
