/** Dotted module name of a file: `app/core/config.py` → `app.core.config`, `app/__init__.py` → `app`. */
export function moduleNameOf(path: string): string {
  return path
    .replace(/\.py$/, "")
    .replace(/(^|\/)__init__$/, "")
    .split("/")
    .filter(Boolean)
    .join(".");
}

export function isPackageInit(path: string): boolean {
  return /(^|\/)__init__\.py$/.test(path);
}

/** The package a module's relative imports start from. */
export function packageOf(module: string, isPackage: boolean): string {
  if (isPackage) return module;
  const at = module.lastIndexOf(".");
  return at < 0 ? "" : module.slice(0, at);
}

/** `from ..core import x` inside `app.api.routes` (a module) → `app.core`. */
export function resolveRelative(module: string, isPackage: boolean, dots: number, rest: string): string {
  let base = packageOf(module, isPackage);
  for (let i = 1; i < dots; i += 1) {
    const at = base.lastIndexOf(".");
    base = at < 0 ? "" : base.slice(0, at);
  }
  return [base, rest].filter(Boolean).join(".");
}

/** The relative spelling of `target` from inside `module`: `.models.note`, `..security`. */
export function relativeModule(module: string, isPackage: boolean, target: string): string {
  const from = packageOf(module, isPackage).split(".").filter(Boolean);
  const to = target.split(".").filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common += 1;
  return `${".".repeat(from.length - common + 1)}${to.slice(common).join(".")}`;
}

/** The first segment of a dotted name: the top-level package. */
export function topPackage(module: string): string {
  return module.split(".")[0] ?? module;
}
