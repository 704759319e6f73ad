/**
 * Renames an identifier of the mirrored code for the new one: `api_a` → `api_c` everywhere, and
 * names that carry only the distinguishing tail (`view_a`, `main_func_a`) get the new tail.
 * Undefined when the name does not carry the mirrored one.
 */
export function renameLike(text: string, from: string, to: string): string | undefined {
  if (text.includes(from)) return text.split(from).join(to);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common += 1;
  const oldTail = from.slice(common);
  const newTail = to.slice(common);
  if (common > 0 && oldTail && newTail && text.endsWith(`_${oldTail}`)) return `${text.slice(0, -oldTail.length)}${newTail}`;
  return undefined;
}
