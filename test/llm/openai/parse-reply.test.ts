import { describe, expect, it } from "vitest";
import { parseReply } from "../../../src/llm/openai/parse-reply.js";
import { ChatCompletion } from "../../../src/llm/openai/schema.js";
import { GOOD_OUTPUT, chatCompletion } from "./fixtures.js";

function parse(raw: unknown) {
  return parseReply(ChatCompletion.parse(raw));
}

describe("parseReply", () => {
  it("accepts valid output", () => {
    const reply = parse(chatCompletion(JSON.stringify(GOOD_OUTPUT)));
    expect(reply.kind).toBe("output");
  });

  it("accepts output wrapped in a markdown fence, as local models write it", () => {
    const reply = parse(chatCompletion(`\`\`\`json\n${JSON.stringify(GOOD_OUTPUT)}\n\`\`\``));
    expect(reply.kind).toBe("output");
  });

  it.each([
    ["the refusal field", chatCompletion(null, { refusal: "I'm sorry, I can't help with that." }), "refused"],
    ["a refusal in prose", chatCompletion("I'm sorry, but I can't assist with that request."), "refused"],
    ["truncation", chatCompletion('{"changes": [{"action": "create", "path": "a.js", "content": "con', { finishReason: "length" }), "truncated"],
    ["a content filter", chatCompletion(null, { finishReason: "content_filter" }), "content_filter"],
    ["no choices", { ...chatCompletion("{}"), choices: [] }, "empty"],
    ["empty content", chatCompletion("  "), "empty"],
  ])("fails on %s", (_name, raw, code) => {
    expect(parse(raw)).toMatchObject({ kind: "failed", code });
  });

  it.each([
    ["prose that is not JSON", "Here is the change you asked for.", /not valid JSON/],
    ["a missing report", JSON.stringify({ changes: [] }), /report/],
    ["create without content", JSON.stringify({ ...GOOD_OUTPUT, changes: [{ action: "create", path: "a.js", content: null }] }), /changes\.0\.content: is required for create/],
    ["an absolute path", JSON.stringify({ ...GOOD_OUTPUT, changes: [{ action: "delete", path: "/etc/passwd", content: null }] }), /relative path/],
    ["a path that climbs out", JSON.stringify({ ...GOOD_OUTPUT, changes: [{ action: "delete", path: "src/../../x", content: null }] }), /'\.\.'/],
    ["a file changed twice", JSON.stringify({ ...GOOD_OUTPUT, changes: [GOOD_OUTPUT.changes[0], GOOD_OUTPUT.changes[0]] }), /changed twice/],
  ])("asks for a repair on %s", (_name, content, problem) => {
    const reply = parse(chatCompletion(content));
    expect(reply.kind).toBe("invalid");
    if (reply.kind === "invalid") expect(reply.problems.join("\n")).toMatch(problem);
  });
});
