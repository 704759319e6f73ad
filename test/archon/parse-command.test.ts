import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helpText } from "../../src/archon/help-text.js";
import { parseCommand } from "../../src/archon/parse-command.js";
import { COMMAND_NAMES } from "../../src/archon/slash-command.js";

const cmd = (name: string, args: string[] = []) => ({ kind: "command", name, args });

describe("parseCommand", () => {
  it.each([
    ["/archon help", cmd("help")],
    ["/archon plan", cmd("plan")],
    ["/archon approve", cmd("approve")],
    ["/archon run", cmd("run")],
    ["/archon retry", cmd("retry")],
    ["/archon retry 2", cmd("retry", ["2"])],
    ["/archon retry Tests", cmd("retry", ["tests"])],
    ["/archon retry step 3", cmd("retry", ["3"])],
    ["/archon cancel", cmd("cancel")],
    ["/archon status", cmd("status")],
    ["/archon", cmd("help")],
    ["/ARCHON Approve", cmd("approve")],
    ["   /archon run", cmd("run")],
    ["\t/archon run now please", cmd("run")],
    ["/archon run\r\n", cmd("run")],
    ["Looks good.\n\n/archon approve\n\nThanks!", cmd("approve")],
  ])("%j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ["/archon fix the 404 message", ["the 404 message"]],
    ["/archon fix rename x\nto y, and\nkeep z\n\nunrelated", ["rename x\nto y, and\nkeep z"]],
    ["/archon fix\nmultiline only", ["multiline only"]],
    ["/archon fix a\n/archon cancel", ["a"]],
    ["/archon fix use `res.json()` here", ["use `res.json()` here"]],
  ])("fix takes the rest of the line and the lines after it: %j", (body, args) => {
    expect(parseCommand(body)).toEqual(cmd("fix", args));
  });

  it.each([
    ["", { kind: "none" }],
    ["LGTM", { kind: "none" }],
    ["please /archon run", { kind: "none" }],
    ["/archonrun", { kind: "none" }],
    ["/archons run", { kind: "none" }],
    ["> /archon run", { kind: "none" }],
    ["  > /archon approve", { kind: "none" }],
    ["```\n/archon run\n```", { kind: "none" }],
    ["~~~sh\n/archon cancel\n~~~", { kind: "none" }],
    ["```\n/archon run", { kind: "none" }],
    ["`/archon run`", { kind: "none" }],
    ["see ``\n/archon run\n`` above", { kind: "none" }],
    ["<!-- /archon run -->", { kind: "none" }],
    ["/archon deploy", { kind: "unknown", text: "/archon deploy" }],
    ["/archon fix", { kind: "unknown", text: "/archon fix" }],
    ["/archon fix   \n\nlater", { kind: "unknown", text: "/archon fix" }],
  ])("%j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it("reads a command after a closed code block", () => {
    expect(parseCommand("```\n/archon cancel\n```\n/archon run")).toEqual(cmd("run"));
  });

  it("strips hidden characters, so a split command is still the command a reader sees", () => {
    expect(parseCommand("/arc\u200Bhon app\u200Drove")).toEqual(cmd("approve"));
  });

  it("takes the first of several commands", () => {
    expect(parseCommand("/archon approve\n/archon cancel")).toEqual(cmd("approve"));
    expect(parseCommand("/archon nonsense\n/archon run")).toEqual({ kind: "unknown", text: "/archon nonsense" });
  });

  it("never throws and always gives one of the three shapes", () => {
    const noisy = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom(
              "/archon",
              "/ARCHON fix",
              "```",
              "~~~",
              ">",
              "`",
              "\n",
              "\n\n",
              "<!--",
              "-->",
              " ",
              "\u200B",
              "\r\n",
            ),
            fc.constantFrom(...COMMAND_NAMES),
            fc.string({ maxLength: 10 }),
          ),
          { maxLength: 30 },
        )
        .map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(noisy, (body) => {
        const parsed = parseCommand(body);
        if (parsed.kind === "command") {
          expect(COMMAND_NAMES).toContain(parsed.name);
          if (parsed.name === "fix") expect(parsed.args).toHaveLength(1);
          else expect(parsed.args.length).toBeLessThanOrEqual(1);
        } else if (parsed.kind === "unknown") {
          expect(parsed.text.toLowerCase()).toMatch(/^\/archon/);
        } else {
          expect(parsed).toEqual({ kind: "none" });
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("finds a command after any prose that has no command line", () => {
    const prose = fc
      .string({ maxLength: 100 })
      .filter((s) => !s.includes("/") && !s.includes("`") && !s.includes("~") && !s.includes("<") && !s.includes(">"));
    fc.assert(
      fc.property(prose, fc.constantFrom(...COMMAND_NAMES.filter((n) => n !== "fix")), (text, name) => {
        expect(parseCommand(`${text}\n\n/archon ${name}`)).toMatchObject({ kind: "command", name });
      }),
    );
  });
});

describe("helpText", () => {
  it("lists every command", () => {
    for (const name of COMMAND_NAMES) expect(helpText()).toContain(`/archon ${name}`);
  });
});
