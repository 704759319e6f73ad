import { z } from "zod";

/**
 * The Prettier options Archon honours from a repository's `.prettierrc*` or package.json `prettier`
 * key. Options it does not know are dropped; an option of the wrong type drops only itself.
 */
export const PrettierOptions = z.object({
  semi: z.boolean().optional().catch(undefined),
  singleQuote: z.boolean().optional().catch(undefined),
  jsxSingleQuote: z.boolean().optional().catch(undefined),
  tabWidth: z.number().int().min(1).max(16).optional().catch(undefined),
  useTabs: z.boolean().optional().catch(undefined),
  printWidth: z.number().int().min(20).max(400).optional().catch(undefined),
  trailingComma: z.enum(["all", "es5", "none"]).optional().catch(undefined),
  bracketSpacing: z.boolean().optional().catch(undefined),
  bracketSameLine: z.boolean().optional().catch(undefined),
  arrowParens: z.enum(["always", "avoid"]).optional().catch(undefined),
  quoteProps: z.enum(["as-needed", "consistent", "preserve"]).optional().catch(undefined),
  endOfLine: z.enum(["lf", "crlf", "cr", "auto"]).optional().catch(undefined),
});
export type PrettierOptions = z.infer<typeof PrettierOptions>;
