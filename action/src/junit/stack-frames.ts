export interface Frame {
  path: string;
  line: number;
}

/**
 * Every `path.ext:line` in a failure text, in order. One pattern covers the usual shapes:
 * `at fn (/abs/a.test.js:9:23)`, `file:///abs/a.mjs:3:1`, vitest's `❯ test/a.test.ts:14:25`,
 * pytest's `tests/test_api.py:12: AssertionError`, go's `divide_test.go:12:` and Java's
 * `(ItemsTest.java:27)`. The extension must start with a letter so "1.5:3" is not a path;
 * whether a candidate is a real file is decided later, against the repository.
 */
const FRAME =
  /((?:file:\/\/)?(?:[A-Za-z]:)?[^\s:()'"<>[\]`]*[^\s:()'"<>[\]`./\\]\.[A-Za-z][A-Za-z0-9]*):(\d+)(?::\d+)?/g;

export function stackFrames(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const match of text.matchAll(FRAME)) {
    const line = Number(match[2]);
    if (match[1] !== undefined && line > 0) frames.push({ path: match[1], line });
  }
  return frames;
}
