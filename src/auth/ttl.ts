const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

// A token that lives longer than a year is a password nobody rotates.
const MAX_TTL_SECONDS = 366 * 86_400;

/** Parses `30d`, `12h`, `15m`, `90s`, `2w` into seconds; undefined when it is not one of those. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds <= 0 || seconds > MAX_TTL_SECONDS) return undefined;
  return seconds;
}
