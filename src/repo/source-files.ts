/** Directories that hold no sources of the repository itself. */
const IGNORED_DIRS = /(^|\/)(node_modules|dist|build|coverage|\.git|\.venv|venv|__pycache__|\.next|vendor)\//;

export function isIgnoredPath(path: string): boolean {
  return IGNORED_DIRS.test(path);
}

export function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|spec)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || /(^|\/)test_[^/]*\.py$|_test\.py$/.test(path);
}

export function isJsSource(path: string): boolean {
  return /\.[cm]?js$/.test(path) && !isIgnoredPath(path);
}

export function isTsSource(path: string): boolean {
  return /\.[cm]?ts$/.test(path) && !/\.d\.[cm]?ts$/.test(path) && !isIgnoredPath(path);
}

export function isPySource(path: string): boolean {
  return path.endsWith(".py") && !isIgnoredPath(path);
}
