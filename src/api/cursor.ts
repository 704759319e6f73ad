/** Cursors are opaque to clients so the paging key can change without breaking them. */
export function encodeCursor(id: string): string {
  return Buffer.from(`t:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^t:(\d{1,18})$/.exec(text);
  return match?.[1];
}
