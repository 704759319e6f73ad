// Text a reader of the issue cannot see must not reach an agent: it is the classic way to smuggle
// instructions past a reviewer ("ignore the above" inside an HTML comment, or a command split by a
// zero-width space so it survives a visual check).
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Removes HTML comments (an unclosed one hides the rest of the text, as on GitHub, so it is
 * dropped too), zero-width characters and bidirectional controls.
 */
export function stripHidden(text: string): string {
  return text.replace(HTML_COMMENT, "").replace(ZERO_WIDTH, "").replace(BIDI_CONTROL, "");
}
