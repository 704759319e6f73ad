import type { PydanticMajor } from "./pydantic-models.js";

const REQUIREMENT_FILES = /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|setup\.cfg|setup\.py|Pipfile|environment\.ya?ml)$/;

export function isRequirementFile(path: string): boolean {
  return REQUIREMENT_FILES.test(path) && !/(^|\/)(node_modules|\.venv|venv)\//.test(path);
}

/** The major version a pin installs: `==1.10.4` → 1, `>=1.10,<2` → 1; a bare `>=` installs the newest, so says nothing. */
function majorOfPin(spec: string): number | undefined {
  const upper = /<\s*(\d+)(?:\.0)*(?![.\d])/.exec(spec);
  if (upper) return Number(upper[1]) - 1;
  const pinned = /(?:==|~=|\^|~(?!=))\s*(\d+)/.exec(spec);
  return pinned ? Number(pinned[1]) : undefined;
}

function pinOf(text: string, name: string): string | undefined {
  // `pydantic>=1.10,<2` in requirements, `"pydantic<2"` in a list, `pydantic = "^1.10"` for poetry.
  const line = new RegExp(`(^|["'\\s])${name}(\\[[^\\]]*\\])?\\s*(?:=\\s*["'])?\\s*([<>=~^!][^\\n"';#]*)`, "im").exec(text);
  return line?.[3];
}

/** FastAPI 0.100 is the first release on pydantic 2, so an older pin means pydantic 1. */
function majorFromFastapi(spec: string): PydanticMajor | undefined {
  const upper = /<\s*0\.(\d+)/.exec(spec);
  const exact = /(?:==|~=)\s*0\.(\d+)/.exec(spec);
  const minor = exact ? Number(exact[1]) : upper ? Number(upper[1]) - 1 : undefined;
  if (minor === undefined) return undefined;
  return minor < 100 ? 1 : 2;
}

/** The pydantic major version the repository pins, pydantic's own pin first, else FastAPI's; 2 when neither says. */
export function pydanticMajor(files: { path: string; text: string }[]): PydanticMajor {
  for (const file of files) {
    const pin = pinOf(file.text, "pydantic");
    const major = pin ? majorOfPin(pin) : undefined;
    if (major === 1 || major === 2) return major;
  }
  for (const file of files) {
    const pin = pinOf(file.text, "fastapi");
    const major = pin ? majorFromFastapi(pin) : undefined;
    if (major) return major;
  }
  return 2;
}
