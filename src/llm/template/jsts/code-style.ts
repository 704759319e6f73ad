import { format } from "prettier";
import ts from "typescript";
import { parse as parseYaml } from "yaml";
import type { RepoView } from "../../../domain/forge.js";
import { PrettierOptions } from "../schema.js";

/** How the repository formats JavaScript and TypeScript, as Prettier options. */
export interface CodeStyle {
  options: PrettierOptions;
  /** Where the options came from: a formatter's config, or the code itself. */
  source: "prettier" | "biome" | "editorconfig" | "inferred";
}

const PRETTIER_FILES = [".prettierrc", ".prettierrc.json", ".prettierrc.yaml", ".prettierrc.yml", ".prettierrc.json5"];

function parseLoose(text: string): unknown {
  const json = ts.parseConfigFileTextToJson("config.json", text);
  if (!json.error) return json.config;
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}

async function prettierConfig(repo: RepoView, paths: Set<string>): Promise<PrettierOptions | undefined> {
  for (const name of PRETTIER_FILES) {
    if (!paths.has(name)) continue;
    const parsed = PrettierOptions.safeParse(parseLoose((await repo.read(name)) ?? ""));
    if (parsed.success) return parsed.data;
  }
  const pkg = paths.has("package.json") ? (parseLoose((await repo.read("package.json")) ?? "") as { prettier?: unknown } | undefined) : undefined;
  if (pkg && typeof pkg.prettier === "object") {
    const parsed = PrettierOptions.safeParse(pkg.prettier);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

type BiomeFormat = { indentStyle?: string; indentWidth?: number; lineWidth?: number; quoteStyle?: string; semicolons?: string; trailingCommas?: string };

async function biomeConfig(repo: RepoView, paths: Set<string>): Promise<PrettierOptions | undefined> {
  const name = ["biome.json", "biome.jsonc"].find((n) => paths.has(n));
  if (!name) return undefined;
  const config = parseLoose((await repo.read(name)) ?? "") as { formatter?: BiomeFormat; javascript?: { formatter?: BiomeFormat } } | undefined;
  if (!config) return undefined;
  const f = { ...config.formatter, ...config.javascript?.formatter };
  return {
    useTabs: f.indentStyle !== "space",
    tabWidth: f.indentWidth ?? 2,
    printWidth: f.lineWidth ?? 80,
    singleQuote: f.quoteStyle === "single",
    semi: f.semicolons !== "asNeeded",
    trailingComma: f.trailingCommas === "none" ? "none" : f.trailingCommas === "es5" ? "es5" : "all",
  };
}

async function editorconfig(repo: RepoView, paths: Set<string>): Promise<Partial<PrettierOptions> | undefined> {
  if (!paths.has(".editorconfig")) return undefined;
  const text = (await repo.read(".editorconfig")) ?? "";
  const style = /^\s*indent_style\s*=\s*(tab|space)/im.exec(text)?.[1];
  const size = Number(/^\s*indent_size\s*=\s*(\d+)/im.exec(text)?.[1]);
  if (!style && !size) return undefined;
  return { ...(style ? { useTabs: style === "tab" } : {}), ...(size ? { tabWidth: size } : {}) };
}

/** Options matching what the code already does: quotes, semicolons, indentation, width. */
export function inferStyle(samples: string[]): PrettierOptions {
  const text = samples.join("\n");
  const single = (text.match(/(?:from|require\(|\.(?:get|post|use|register)\()\s*'/g) ?? []).length;
  const double = (text.match(/(?:from|require\(|\.(?:get|post|use|register)\()\s*"/g) ?? []).length;
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s*(\/\/|\*|\/\*)/.test(l));
  const statementLines = lines.filter((l) => /[)\]'"\w]\s*;?\s*$/.test(l) && !/[{(,[]\s*$/.test(l));
  const withSemi = statementLines.filter((l) => /;\s*$/.test(l)).length;
  const indents = lines.map((l) => /^( +|\t+)/.exec(l)?.[1]).filter((i): i is string => i !== undefined);
  const tabs = indents.filter((i) => i.startsWith("\t")).length;
  const smallest = Math.min(...indents.filter((i) => !i.startsWith("\t")).map((i) => i.length));
  const longest = Math.max(0, ...lines.map((l) => l.length));
  return {
    singleQuote: single > double,
    semi: statementLines.length === 0 || withSemi * 2 >= statementLines.length,
    useTabs: tabs * 2 > indents.length,
    tabWidth: Number.isFinite(smallest) && smallest >= 2 && smallest <= 8 ? smallest : 2,
    printWidth: longest > 100 ? 120 : longest > 80 ? 100 : 80,
    trailingComma: /,\s*\n\s*[}\])]/.test(text) ? "all" : "none",
  };
}

/** The repository's style: Prettier's config, Biome's, then .editorconfig over what the code shows. */
export async function readCodeStyle(repo: RepoView, paths: Set<string>, samples: string[]): Promise<CodeStyle> {
  const prettier = await prettierConfig(repo, paths);
  if (prettier) return { options: { ...inferStyle(samples), ...prettier }, source: "prettier" };
  const biome = await biomeConfig(repo, paths);
  if (biome) return { options: biome, source: "biome" };
  const inferred = inferStyle(samples);
  const editor = await editorconfig(repo, paths);
  return editor ? { options: { ...inferred, ...editor }, source: "editorconfig" } : { options: inferred, source: "inferred" };
}

/** Formats a whole new file in the repository's style; code Prettier cannot parse comes back as it is. */
export async function formatCode(code: string, style: CodeStyle, typescript: boolean): Promise<string> {
  try {
    return await format(code, { ...style.options, parser: typescript ? "typescript" : "babel" });
  } catch {
    return code;
  }
}

/** Formats a snippet that will sit at `indent` inside an existing file. */
export async function formatSnippet(code: string, style: CodeStyle, typescript: boolean, indent: string): Promise<string> {
  const width = (style.options.printWidth ?? 80) - indent.replace(/\t/g, " ".repeat(style.options.tabWidth ?? 2)).length;
  const formatted = await formatCode(code, { ...style, options: { ...style.options, printWidth: Math.max(40, width) } }, typescript);
  const body = formatted.replace(/\n+$/, "");
  return body
    .split("\n")
    .map((line) => (line === "" ? "" : indent + line))
    .join("\n");
}

/** Formats a class member (a method) that will sit at `indent` inside its class. */
export async function formatMember(code: string, style: CodeStyle, typescript: boolean, indent: string): Promise<string> {
  const unit = style.options.useTabs ? "\t" : " ".repeat(style.options.tabWidth ?? 2);
  const outer = indent.endsWith(unit) ? indent.slice(0, -unit.length) : "";
  const wrapped = await formatSnippet(`class Wrapper {\n${code}\n}`, style, typescript, outer);
  const lines = wrapped.split("\n");
  if (lines.length < 3 || !/class Wrapper/.test(lines[0]!)) return formatSnippet(code, style, typescript, indent);
  return lines.slice(1, -1).join("\n");
}
