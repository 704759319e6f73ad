export interface Person {
  name: string;
  email: string;
}

const TRAILER = /^[A-Za-z][\w-]*: .+$/;

/**
 * Adds a `Co-authored-by` trailer (GitHub credits the person on the commit) unless the message
 * already names them; joins an existing trailer block instead of starting a second one.
 */
export function withCoAuthor(message: string, coAuthor: Person | undefined): string {
  const trimmed = message.trimEnd();
  if (coAuthor === undefined) return trimmed;
  const trailer = `Co-authored-by: ${coAuthor.name} <${coAuthor.email}>`;
  if (trimmed.toLowerCase().includes(`<${coAuthor.email.toLowerCase()}>`)) return trimmed;
  const paragraphs = trimmed.split(/\n{2,}/);
  const last = paragraphs[paragraphs.length - 1] ?? "";
  const endsWithTrailers = paragraphs.length > 1 && last.split("\n").every((line) => TRAILER.test(line));
  return endsWithTrailers ? `${trimmed}\n${trailer}` : `${trimmed}\n\n${trailer}`;
}
