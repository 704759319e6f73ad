import { describe, expect, it } from "vitest";
import { evalConstant, stringValue } from "../../../../src/llm/template/python/eval-literal.js";
import { moduleNameOf, relativeModule, resolveRelative } from "../../../../src/llm/template/python/module-names.js";
import { pyLiteral, pyString } from "../../../../src/llm/template/python/python-literal.js";
import { assignedValue, parsePython, statementsOf } from "../../../../src/llm/template/python/syntax-tree.js";
import { pydanticMajor } from "../../../../src/llm/template/frameworks/fastapi/pydantic-version.js";

function valueOf(source: string, names: Record<string, string> = {}) {
  const src = parsePython(`x = ${source}\n`);
  const value = assignedValue(statementsOf(src.tree.topNode)[0]!)!;
  return evalConstant(src, value, { name: (path) => names[path.join(".")], call: () => undefined });
}

describe("constant expressions", () => {
  it.each([
    ['"/api"', "/api"],
    ["'it\\'s'", "it's"],
    ['r"\\d+"', "\\d+"],
    ['"a" "b"', "ab"],
    ['"/api" + "/v1"', "/api/v1"],
    ["-3", -3],
    ["1_000", 1000],
    ["0x10", 16],
    ["True", true],
    ["None", null],
    ['["a", 1]', ["a", 1]],
    ['{"k": (1)}', { k: 1 }],
    ['f"{PREFIX}/v1"', "/api/v1"],
    ["settings.PREFIX", "/s"],
    ["compute()", undefined],
    ['b"bytes"', undefined],
  ])("%s", (source, value) => {
    expect(valueOf(source, { PREFIX: "/api", "settings.PREFIX": "/s" } as never)).toEqual(value);
  });

  it("decodes escapes in plain strings only", () => {
    expect(stringValue('"a\\tb"')).toBe("a\tb");
    expect(stringValue('"""doc"""')).toBe("doc");
    expect(stringValue('f"x"')).toBeUndefined();
  });
});

describe("module names", () => {
  it.each([
    ["app/core/config.py", "app.core.config"],
    ["app/__init__.py", "app"],
    ["main.py", "main"],
  ])("%s is %s", (path, name) => {
    expect(moduleNameOf(path)).toBe(name);
  });

  it("resolves and writes relative imports", () => {
    expect(resolveRelative("app.api.routes", false, 2, "core")).toBe("app.core");
    expect(resolveRelative("app.routers", true, 1, "items")).toBe("app.routers.items");
    expect(relativeModule("app.routers.notes", false, "app.security")).toBe("..security");
    expect(relativeModule("app.main", false, "app.routers")).toBe(".routers");
  });
});

describe("Python literals", () => {
  it("writes JSON values in the repository's quote", () => {
    expect(pyLiteral({ a: [true, null, 1.5] }, "'")).toBe("{'a': [True, None, 1.5]}");
    expect(pyString("it's", "'")).toBe('"it\'s"');
    expect(pyString('say "hi"\n', '"')).toBe("'say \"hi\"\\n'");
  });
});

describe("pydantic's major version", () => {
  it.each([
    ["requirements.txt", "fastapi==0.92.0\npydantic>=1.10,<2\n", 1],
    ["requirements.txt", "pydantic==2.5.0\n", 2],
    ["requirements.txt", "fastapi==0.95.1\n", 1],
    ["requirements.txt", "fastapi>=0.85,<0.100\n", 1],
    ["requirements.txt", "fastapi>=0.110\n", 2],
    ["pyproject.toml", '[tool.poetry.dependencies]\npydantic = "^1.10"\n', 1],
    ["pyproject.toml", 'dependencies = ["fastapi", "pydantic>=2.4"]\n', 2],
    ["requirements.txt", "uvicorn\n", 2],
  ])("%s: %s", (path, text, major) => {
    expect(pydanticMajor([{ path, text }])).toBe(major);
  });
});
