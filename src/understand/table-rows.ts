/**
 * A table row as the sentence a maintainer would have written: `GET /notes` – 200, array of notes,
 * or `title` (string, required) – shown in lists. Header cells say what each column means.
 */

const METHOD = /^(method|verb|http method|http)$/i;
const PATH = /^(path|route|endpoint|url|uri|resource)$/i;
const FIELD = /^(field|name|property|attribute|column|key)$/i;
const TYPE = /^(type|data type|kind)$/i;
const REQUIRED = /^(required|req\.?|mandatory|optional)$/i;

function code(text: string): string {
  return text.startsWith("`") ? text : `\`${text}\``;
}

function requiredWord(header: string, cell: string): string {
  const yes = /^(yes|y|true|✓|✔|x|required|mandatory)$/i.test(cell.replace(/`/g, ""));
  const no = /^(no|n|false|-|–|optional)$/i.test(cell.replace(/`/g, ""));
  if (!yes && !no) return "";
  const optionalColumn = /^optional$/i.test(header);
  return yes !== optionalColumn ? "required" : "optional";
}

export function tableRowText(headers: string[], cells: string[]): string {
  const column = (pattern: RegExp): number => headers.findIndex((h) => pattern.test(h.replace(/`/g, "")));
  const method = column(METHOD);
  const path = column(PATH);
  const rest = (skip: number[]): string =>
    cells.filter((c, i) => !skip.includes(i) && c !== "").join("; ");
  if (method >= 0 && path >= 0) {
    const endpoint = `${(cells[method] ?? "").replace(/`/g, "")} ${(cells[path] ?? "").replace(/`/g, "")}`;
    return `\`${endpoint}\` – ${rest([method, path])}`;
  }
  const field = column(FIELD);
  const type = column(TYPE);
  if (field >= 0 && type >= 0 && cells[field]) {
    const required = column(REQUIRED);
    const words = [cells[type] ?? "", required >= 0 ? requiredWord(headers[required] ?? "", cells[required] ?? "") : ""]
      .map((w) => w.replace(/`/g, ""))
      .filter(Boolean);
    return `${code(cells[field] ?? "")} (${words.join(", ")}) – ${rest([field, type, required])}`;
  }
  return cells.filter(Boolean).join(" – ");
}
