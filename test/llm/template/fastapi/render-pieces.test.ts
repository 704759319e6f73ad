import { describe, expect, it } from "vitest";
import type { RepoStyle } from "../../../../src/llm/template/frameworks/fastapi/fastapi-repo.js";
import { brokenWhen, errorStatement } from "../../../../src/llm/template/frameworks/fastapi/render-checks.js";
import { renderModel } from "../../../../src/llm/template/frameworks/fastapi/render-models.js";
import { renderTestCase, testFunctionName } from "../../../../src/llm/template/frameworks/fastapi/render-tests.js";
import { field, ref, stated, status, step, testCase } from "./blueprints.js";

const STYLE: RepoStyle = { quote: '"', futureAnnotations: false, optional: "Optional", generics: "typing", imports: "absolute", asyncHandlers: false, responseModels: true, returnAnnotations: true };

describe("pydantic models", () => {
  const fields = [
    field("name", "string", true, { minLength: 1, maxLength: 50 }),
    field("email", "string", true, { format: "email" }),
    field("priority", "string", false, { enum: ["low", "high"] }, { default: "low" }),
    field("tags", "array", false, { items: "string" }),
    field("note", "string", true, {}, { nullable: true }),
  ];

  it("writes pydantic 1 models with Field constraints, Literal enums and a validator", () => {
    const model = renderModel({ name: "TaskIn", base: "BaseModel", fields, partial: false }, { style: STYLE, quote: '"', major: 1 });
    expect(model.code).toBe(
      [
        "class TaskIn(BaseModel):",
        "    name: str = Field(..., min_length=1, max_length=50)",
        "    email: str",
        '    priority: Literal["low", "high"] = "low"',
        "    tags: Optional[List[str]] = None",
        "    note: Optional[str] = Field(...)",
        "",
        '    @validator("email")',
        "    def check_email(cls, value):",
        '        if value is not None and re.fullmatch(r"[^@\\s]+@[^@\\s]+\\.[^@\\s]+", value) is None:',
        '            raise ValueError("email must be a valid email")',
        "        return value",
      ].join("\n"),
    );
    expect(model.imports.map((i) => `${i.module}:${i.name ?? ""}`)).toEqual(
      expect.arrayContaining(["pydantic:BaseModel", "pydantic:Field", "typing:Literal", "typing:List", "typing:Optional", "pydantic:validator", "re:"]),
    );
  });

  it("writes pydantic 2 validators and every field optional for PATCH bodies", () => {
    const model = renderModel({ name: "TaskPatch", base: "BaseModel", fields: fields.slice(0, 2), partial: true }, { style: { ...STYLE, optional: "union" }, quote: '"', major: 2 });
    expect(model.code).toContain("    name: str | None = Field(None, min_length=1, max_length=50)\n    email: str | None = None\n");
    expect(model.code).toContain('    @field_validator("email")\n    @classmethod\n');
  });

  it("leaves out validators the handler checks itself", () => {
    const model = renderModel({ name: "TaskIn", base: "BaseModel", fields: fields.slice(1, 2), partial: false, checkedByHandler: new Set(["email"]) }, { style: STYLE, quote: '"', major: 1 });
    expect(model.code).toBe("class TaskIn(BaseModel):\n    email: str");
  });
});

describe("checks and errors", () => {
  const rule = (kind: "maxLength" | "contains" | "required" | "minimum" | "enum", value?: unknown) => ({ where: "body" as const, field: "v", rule: kind, value: value as never, error: stated(400, "bad") });

  it.each([
    [rule("required"), undefined, "v is None"],
    [rule("maxLength", 50), undefined, "isinstance(v, (str, list)) and len(v) > 50"],
    [rule("maxLength", 50), { optional: true }, "v is not None and len(v) > 50"],
    [rule("maxLength", 50), { optional: false }, "len(v) > 50"],
    [rule("minimum", 0), undefined, "isinstance(v, (int, float)) and v < 0"],
    [rule("contains", "@"), undefined, 'isinstance(v, str) and "@" not in v'],
    [rule("enum", ["a", "b"]), undefined, 'v is not None and v not in ("a", "b")'],
  ])("%j", (r, typed, code) => {
    expect(brokenWhen(r, "v", '"', {}, "string", typed)?.code).toBe(code);
  });

  it("answers stated bodies with JSONResponse and the repository's shape with HTTPException", () => {
    expect(errorStatement(stated(400, "name is required"), '"').code).toBe('return JSONResponse(status_code=400, content={"error": "name is required"})');
    expect(errorStatement({ status: 404, body: { kind: "repo" }, message: "Note not found" }, "'").code).toBe("raise HTTPException(status_code=404, detail='Note not found')");
  });
});

describe("pytest functions", () => {
  it("names functions after the case, uniquely", () => {
    const taken = new Set(["test_get_health_answers_200"]);
    expect(testFunctionName("GET /health answers 200", taken)).toBe("test_get_health_answers_200_2");
    expect(testFunctionName("GET /api/notes/:id answers 404 for a note that does not exist anywhere at all in the store", new Set())).toBe(
      "test_get_api_notes_id_answers_404_for_a_note_that_does_not_exist",
    );
  });

  it("renders requests, saved values and checks with a fixture client and the repository's credentials", () => {
    const auth = { guard: "g", test: {} as never, headers: "auth_headers", fixtures: ["auth_headers"], setup: [], names: [] };
    const rendered = renderTestCase(
      testCase(
        "PATCH /notes/:id updates",
        step("POST", ["notes"], [status(201)], { body: { title: "a" }, auth: "valid", save: "created" }),
        step(
          "PATCH",
          ["notes", ref("created", "id")],
          [
            status(200),
            { k: "equals", path: ["id"], to: { k: "saved", ref: ref("created", "id") } },
            { k: "containsWhere", path: ["items"], key: "id", to: { k: "savedPlus", ref: ref("created", "id"), n: 1 } },
            { k: "between", path: ["items", "0", "n"], min: 1, max: 6 },
          ],
          { body: { done: true }, query: [["q", "x"]], auth: "valid" },
        ),
        step("GET", ["notes"], [{ k: "statusOneOf", statuses: [401, 403] }]),
      ),
      { quote: '"', client: { kind: "fixture", name: "client" }, auth, taken: new Set() },
    );
    expect(rendered.code).toBe(
      [
        "def test_patch_notes_id_updates(client, auth_headers):",
        '    response = client.post("/notes", json={"title": "a"}, headers=auth_headers)',
        "    assert response.status_code == 201",
        "    created = response.json()",
        "    response = client.patch(",
        "        f\"/notes/{created['id']}\",",
        '        params={"q": "x"},',
        '        json={"done": True},',
        "        headers=auth_headers,",
        "    )",
        "    assert response.status_code == 200",
        "    body = response.json()",
        '    assert body["id"] == created["id"]',
        '    assert any(item["id"] == created["id"] + 1 for item in body["items"])',
        '    assert 1 <= body["items"][0]["n"] <= 6',
        '    response = client.get("/notes")',
        "    assert response.status_code in (401, 403)",
      ].join("\n"),
    );
  });
});
