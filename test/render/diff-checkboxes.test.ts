import { describe, expect, it } from "vitest";
import { diffCheckboxes } from "../../src/render/diff-checkboxes.js";

const body = (approve: " " | "x", cancel: " " | "x", retry: " " | "x" = " ") => `### Archon: task

- [x] **1. Write the code** · CodeGenerationAgent · done
- [ ] **2. Test it** · TestingAgent · failed

**Next**

- [${approve}] Approve the plan and start <!-- archon:tick action=approve task=42 -->
- [${retry}] Retry step 2: Test it <!-- archon:tick action=retry task=42 step=2 -->
- [${cancel}] Cancel this task <!-- archon:tick action=cancel task=42 -->
`;

describe("diffCheckboxes", () => {
  it.each([
    ["nothing changed", body(" ", " "), body(" ", " "), []],
    ["approve ticked", body(" ", " "), body("x", " "), [{ kind: "command", name: "approve", args: [] }]],
    [
      "cancel ticked with a capital X",
      body(" ", " "),
      body(" ", " ").replace("[ ] Cancel", "[X] Cancel"),
      [{ kind: "command", name: "cancel", args: [] }],
    ],
    [
      "retry ticked carries the step",
      body(" ", " "),
      body(" ", " ", "x"),
      [{ kind: "command", name: "retry", args: ["2"] }],
    ],
    [
      "both ticked, in order",
      body(" ", " "),
      body("x", "x"),
      [
        { kind: "command", name: "approve", args: [] },
        { kind: "command", name: "cancel", args: [] },
      ],
    ],
    ["unticked", body("x", " "), body(" ", " "), []],
    ["already ticked before", body("x", " "), body("x", " "), []],
    ["a plan step ticked (not a target)", body(" ", " "), body(" ", " ").replace("- [ ] **2.", "- [x] **2."), []],
    ["the old body missing", "", body("x", " "), [{ kind: "command", name: "approve", args: [] }]],
    ["an unknown action", "", "- [x] Deploy <!-- archon:tick action=deploy task=42 -->", []],
    ["a marker outside a checkbox", "", "Approve <!-- archon:tick action=approve task=42 -->", []],
  ])("%s", (_name, before, after, expected) => {
    expect(diffCheckboxes(before, after)).toEqual(expected);
  });
});
