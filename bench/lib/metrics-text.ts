/** Sums the samples of one Prometheus counter per value of one label, from /metrics text. */
export function counterBy(text: string, metric: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pattern = new RegExp(`^${metric}\\{([^}]*)\\}\\s+(\\S+)$`, "gm");
  for (const match of text.matchAll(pattern)) {
    const value = new RegExp(`${label}="([^"]*)"`).exec(match[1] ?? "")?.[1] ?? "";
    out[value] = (out[value] ?? 0) + Number(match[2]);
  }
  return out;
}
