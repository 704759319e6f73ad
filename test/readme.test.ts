import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Env } from "../src/config/schema.js";
import { RepoConfig } from "../src/archon/repo-config.schema.js";
import { understandTask } from "../src/understand/understand-task.js";
import { taskFromInput } from "../src/local/task-from-input.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it.each(Object.keys(Env.shape))("documents the environment variable %s", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });

  it.each(Object.keys(RepoConfig.shape))("documents the .github/archon.yml key %s", (key) => {
    expect(readme).toMatch(new RegExp(`\\| \`${key}(\\.|\`)`));
  });
});

describe("README's example issues for the template provider", () => {
  const section = readme.slice(readme.indexOf("### What the template provider understands"));
  const rows = [...section.matchAll(/^\| ([^|]+) \| "(.+)" \|$/gm)].map((m) => [m[1]!.trim(), m[2]!] as const);

  it("has one for each kind of task", () => {
    expect(rows.map(([kind]) => kind)).toEqual(["fixed answer", "computed answer", "an endpoint on an existing collection", "a new collection", "a feature like another", "protected endpoints"]);
  });

  it.each(rows)("reads the %s example as a task", (_kind, example) => {
    for (const text of example.split('" / "')) {
      const understood = understandTask({ title: text.slice(0, 200), description: text, acceptanceCriteria: [], areas: [] });
      expect(understood.ok, JSON.stringify(understood)).toBe(true);
    }
  });
});

describe("README's --spec example", () => {
  it("reads as the task it shows", () => {
    const example = /```markdown\n(# Add GET \/todos\/:id[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(taskFromInput(undefined, example)).toEqual({
      ok: true,
      spec: {
        title: "Add GET /todos/:id",
        description: "Return one todo by id, or 404 when there is none.",
        acceptanceCriteria: ["GET /todos/1 answers 200 with the todo", "GET /todos/999 answers 404"],
        kind: "endpoint",
        areas: ["src/routes/todos.js"],
      },
    });
  });
});
