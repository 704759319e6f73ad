import { describe, expect, it } from "vitest";
import { mergeImports } from "../../../../src/llm/template/python/merge-imports.js";

const LOCAL = new Set(["app"]);

describe("mergeImports", () => {
  it.each([
    ["joins an existing from-import in isort order", "from fastapi import APIRouter, HTTPException\n\nrouter = APIRouter()\n", [{ module: "fastapi", name: "Depends" }], "from fastapi import APIRouter, Depends, HTTPException\n\nrouter = APIRouter()\n"],
    ["keeps an unsorted list's order and appends", "from fastapi import b_thing, a_thing\n", [{ module: "fastapi", name: "c_thing" }], "from fastapi import b_thing, a_thing, c_thing\n"],
    ["skips a name already imported", "from fastapi import APIRouter\n", [{ module: "fastapi", name: "APIRouter" }], "from fastapi import APIRouter\n"],
    [
      "puts the standard library first, as its own group",
      "from fastapi import APIRouter\n\nfrom app.core import config\n",
      [{ module: "time" }],
      "import time\n\nfrom fastapi import APIRouter\n\nfrom app.core import config\n",
    ],
    [
      "puts a third-party import in its group, sorted",
      "import os\n\nfrom fastapi import APIRouter\n\nfrom app.core import config\n",
      [{ module: "pydantic", name: "BaseModel" }],
      "import os\n\nfrom fastapi import APIRouter\nfrom pydantic import BaseModel\n\nfrom app.core import config\n",
    ],
    [
      "starts the project group after the others",
      "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
      [{ module: "app.models.note", name: "Note" }],
      "from fastapi import APIRouter\n\nfrom app.models.note import Note\n\nrouter = APIRouter()\n",
    ],
    ["treats relative imports as the project's", "import fastapi\n", [{ module: "..security", name: "get_current_user" }], "import fastapi\n\nfrom ..security import get_current_user\n"],
    ["adds imports above the first definition of a module without any", "def f():\n    pass\n", [{ module: "re" }], "import re\n\n\ndef f():\n    pass\n"],
    ["keeps a module docstring first", '"""Doc."""\n\nX = 1\n', [{ module: "re" }], '"""Doc."""\n\nimport re\n\n\nX = 1\n'],
    ["writes an alias", "", [{ module: "app.apis.api_c.mainmod", name: "main_func", alias: "main_func_c" }], "from app.apis.api_c.mainmod import main_func as main_func_c\n"],
  ])("%s", (_name, text, entries, expected) => {
    expect(mergeImports(text, entries, LOCAL)).toBe(expected);
  });

  it("wraps a from-import that grows past the line limit, and keeps wrapped ones wrapped", () => {
    const long = "from app.models.listing import ListingCreatePayload, ListingReplacePayload, ListingResult\n";
    expect(mergeImports(long, [{ module: "app.models.listing", name: "ListingPatchPayload" }], LOCAL)).toBe(
      "from app.models.listing import (\n    ListingCreatePayload,\n    ListingPatchPayload,\n    ListingReplacePayload,\n    ListingResult,\n)\n",
    );
    expect(mergeImports("from x import (\n    a,\n)\n", [{ module: "x", name: "b" }], LOCAL)).toBe("from x import (\n    a,\n    b,\n)\n");
  });
});
