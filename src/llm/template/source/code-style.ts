import { parse as parseYaml } from "yaml";
import type { RepoView } from "../../../forge/forge.js";
import { PrettierOptions } from "../schema.js";

export interface JsStyle {
  options: PrettierOptions;
  /** True when the options come from the repository's Prettier config, so whole files may be formatted. */
  fromConfig: boolean;
}

const CONFIG_FILES = [".prettierrc", ".prettierrc.json", ".prettierrc.yaml", ".prettierrc.yml"];

function parseConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text);
    } catch {
      return undefined;
    }
  }
}

/** The repository's Prettier options, from the config files Prettier itself reads first. */
export async function readPrettierConfig(repo: RepoView, files: Set<string>): Promise<PrettierOptions | undefined> {
  for (const name of CONFIG_FILES) {
    if (!files.has(name)) continue;
    const parsed = PrettierOptions.safeParse(parseConfig((await repo.read(name)) ?? ""));
    if (parsed.success) return parsed.data;
  }
  const pkg = files.has("package.json") ? parseConfig((await repo.read("package.json")) ?? "") : undefined;
  if (pkg && typeof pkg === "object" && "prettier" in pkg && typeof pkg.prettier === "object") {
    const parsed = PrettierOptions.safeParse(pkg.prettier);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** Options matching what a file already does: its quotes, semicolons, indentation and width. */
export function inferStyle(samples: string[]): PrettierOptions {
  const text = samples.join("\n");
  const single = (text.match(/(?:from|require\(|\.(?:get|post|use)\()\s*'/g) ?? []).length;
  const double = (text.match(/(?:from|require\(|\.(?:get|post|use)\()\s*"/g) ?? []).length;
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s*(\/\/|\*|\/\*)/.test(l));
  const statementLines = lines.filter((l) => /[)\]'"\w]\s*;?\s*$/.test(l) && !/[{(,[]\s*$/.test(l));
  const withSemi = statementLines.filter((l) => /;\s*$/.test(l)).length;
  const indents = lines.map((l) => /^( +|\t+)/.exec(l)?.[1]).filter((i): i is string => i !== undefined);
  const useTabs = indents.some((i) => i.startsWith("\t"));
  const smallest = Math.min(...indents.filter((i) => !i.startsWith("\t")).map((i) => i.length));
  const longest = Math.max(0, ...lines.map((l) => l.length));
  const trailing = /,\s*\n\s*[}\])]/.test(text);
  const multiline = /[^,{[(\s]\s*\n\s*[}\]]/.test(text);
  return {
    singleQuote: single > double,
    semi: statementLines.length === 0 || withSemi * 2 >= statementLines.length,
    useTabs,
    tabWidth: Number.isFinite(smallest) && smallest >= 2 && smallest <= 8 ? smallest : 2,
    printWidth: longest > 100 ? 120 : longest > 80 ? 100 : 80,
    trailingComma: trailing ? "all" : multiline ? "none" : "all",
  };
}

export async function jsStyle(repo: RepoView, files: Set<string>, samples: string[]): Promise<JsStyle> {
  const config = await readPrettierConfig(repo, files);
  return config ? { options: config, fromConfig: true } : { options: inferStyle(samples), fromConfig: false };
}
