import { format } from "prettier";
import type { JsStyle } from "./code-style.js";

/** Formats JavaScript or TypeScript with the repository's style; code Prettier cannot parse is returned as is. */
export async function formatJs(code: string, style: JsStyle, typescript: boolean): Promise<string> {
  try {
    return await format(code, { ...style.options, parser: typescript ? "typescript" : "babel" });
  } catch {
    return code;
  }
}

/**
 * Formats a snippet that will be indented by `indent` inside an existing file, leaving the rest of
 * the file alone (unless the repository has a Prettier config, where the caller formats the whole file).
 */
export async function formatSnippet(code: string, style: JsStyle, typescript: boolean, indent: string): Promise<string> {
  const width = (style.options.printWidth ?? 80) - indent.replace(/\t/g, "  ").length;
  const formatted = await formatJs(code, { ...style, options: { ...style.options, printWidth: Math.max(40, width) } }, typescript);
  return formatted.replace(/\n+$/, "");
}
