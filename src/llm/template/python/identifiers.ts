import { snakeCase } from "../../../understand/inflect.js";

const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

/** A Python variable for a parameter or field name: `userId` → `user_id`, `from` → `from_`. */
export function pyIdentifier(name: string): string {
  const snake = snakeCase(name) || "value";
  const safe = /^[0-9]/.test(snake) ? `_${snake}` : snake;
  return KEYWORDS.has(safe) ? `${safe}_` : safe;
}

/** A name not in `taken`: `name`, then `name_2`, `name_3`. */
export function freeName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i += 1) candidate = `${name}_${i}`;
  return candidate;
}
