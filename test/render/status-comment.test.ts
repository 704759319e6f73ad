import { describe, expect, it } from "vitest";
import { diffCheckboxes } from "../../src/render/diff-checkboxes.js";
import type { CostEstimate } from "../../src/domain/cost-estimate.js";
import type { TaskSnapshot } from "../../src/domain/task-snapshot.js";
import { findMarkedTask } from "../../src/render/marker.js";
import { renderStatusComment } from "../../src/render/status-comment.js";
import { taskIn } from "../archon/fixtures.js";

describe("renderStatusComment", () => {
  it("asks for approval with the plan and tick boxes", () => {
    expect(renderStatusComment(taskIn("awaiting_approval"))).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **✋ Waiting for approval**

      **Plan**

      An endpoint change: code, tests, docs.

      - [ ] **1. Write the code for GET /health** · CodeGenerationAgent · waiting
      - [ ] **2. Test GET /health** · TestingAgent · waiting
      - [ ] **3. Document GET /health** · DocumentationAgent · waiting

      **Next**

      - [ ] Approve the plan and start <!-- archon:tick action=approve task=42 -->
      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon approve\`: approve the plan and start
      - \`/archon plan\`: plan again from the issue as it reads now
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("shows progress while running", () => {
    expect(renderStatusComment(taskIn("running"))).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **⚙️ Running**

      **Plan**

      An endpoint change: code, tests, docs.

      - [ ] **1. Write the code for GET /health** · CodeGenerationAgent · running
      - [ ] **2. Test GET /health** · TestingAgent · waiting
      - [ ] **3. Document GET /health** · DocumentationAgent · waiting

      **Next**

      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon status\`: refresh this comment
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("links the pull request and CI when ready for review", () => {
    expect(renderStatusComment(taskIn("ready_for_review"))).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **👀 Ready for review**

      [Pull request #7](https://github.com/o/r/pull/7) · [CI check run](https://ci/1)

      **Plan**

      An endpoint change: code, tests, docs.

      - [x] **1. Write the code for GET /health** · CodeGenerationAgent · done
        CodeGenerationAgent did it
      - [x] **2. Test GET /health** · TestingAgent · done
        TestingAgent did it
      - [x] **3. Document GET /health** · DocumentationAgent · done
        DocumentationAgent did it

      **Next**

      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon fix <what>\`: ask for a change to the pull request
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("explains what went wrong and offers a retry per failed step", () => {
    expect(renderStatusComment(taskIn("needs_attention"))).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **⚠️ Needs attention**

      **What went wrong**

      > Step 2 (TestingAgent) failed: boom

      **Plan**

      An endpoint change: code, tests, docs.

      - [x] **1. Write the code for GET /health** · CodeGenerationAgent · done
        CodeGenerationAgent did it
      - [ ] **2. Test GET /health** · TestingAgent · failed
        boom
      - [ ] **3. Document GET /health** · DocumentationAgent · running

      **Next**

      - [ ] Retry step 2: Test GET /health <!-- archon:tick action=retry task=42 step=2 -->
      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon retry [step]\`: try again
      - \`/archon plan\`: plan again from the issue as it reads now
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("lists CI failures when fix attempts ran out", () => {
    const task: TaskSnapshot = {
      ...taskIn("pr_open"),
      status: "needs_attention",
      attention: "attempts_exhausted",
      fixAttempts: 3,
      lastError:
        "CI still fails (1 failing: health answers 200) after 3 fix attempts, the most this repository allows. A person needs to look.",
      lastFailures: [
        { name: "health answers 200", message: "expected 200, got 404", file: "test/health.test.ts", line: 9 },
      ],
    };
    expect(renderStatusComment(task)).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **⚠️ Needs attention** · fix attempt 3 of 3

      [Pull request #7](https://github.com/o/r/pull/7)

      **What went wrong**

      > CI still fails (1 failing: health answers 200) after 3 fix attempts, the most this repository allows. A person needs to look.

      - \`health answers 200\` (test/health.test.ts:9): expected 200, got 404

      **Plan**

      An endpoint change: code, tests, docs.

      - [x] **1. Write the code for GET /health** · CodeGenerationAgent · done
        CodeGenerationAgent did it
      - [x] **2. Test GET /health** · TestingAgent · done
        TestingAgent did it
      - [x] **3. Document GET /health** · DocumentationAgent · done
        DocumentationAgent did it

      **Next**

      - [ ] Try one more fix <!-- archon:tick action=retry task=42 -->
      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon retry [step]\`: try again
      - \`/archon fix <what>\`: ask for a change to the pull request
      - \`/archon plan\`: plan again from the issue as it reads now
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("quotes each config problem with its path", () => {
    const task: TaskSnapshot = {
      ...taskIn("received"),
      status: "needs_attention",
      attention: "config_invalid",
      lastError: ".github/archon.yml is invalid",
      configProblems: [
        { path: "paths.allowed[1]", message: "Invalid input: expected string, received number" },
        { path: "require_approval", message: "unknown key; keys are camelCase: did you mean `requireApproval`?" },
      ],
    };
    expect(renderStatusComment(task)).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **⚠️ Needs attention**

      **\`.github/archon.yml\` has 2 problems**, so Archon is waiting until it is fixed:

      - \`paths.allowed[1]\`: Invalid input: expected string, received number
      - \`require_approval\`: unknown key; keys are camelCase: did you mean \`requireApproval\`?

      Fix the file on the default branch, then comment \`/archon plan\`.

      **Next**

      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon plan\`: plan again from the issue as it reads now
      - \`/archon cancel\`: stop the task
      "
    `);
  });

  it("says little once done", () => {
    expect(renderStatusComment(taskIn("done"))).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **✅ Done**

      [Pull request #7](https://github.com/o/r/pull/7)

      **Plan**

      An endpoint change: code, tests, docs.

      - [x] **1. Write the code for GET /health** · CodeGenerationAgent · done
        CodeGenerationAgent did it
      - [x] **2. Test GET /health** · TestingAgent · done
        TestingAgent did it
      - [x] **3. Document GET /health** · DocumentationAgent · done
        DocumentationAgent did it
      "
    `);
  });

  it("shows the provider, budget and estimate under a plan awaiting approval, and not once work started", () => {
    const estimate: CostEstimate = { provider: "openai", model: "gpt-4o-mini", budgetUsd: 2, lowUsd: 0.04, highUsd: 0.11, basis: { kind: "earlier_tasks", tasks: 6 } };
    expect(renderStatusComment({ ...taskIn("awaiting_approval"), estimate })).toMatchInlineSnapshot(`
      "<!-- archon:status task=42 -->

      ### Archon: Add GET /health

      **✋ Waiting for approval**

      **Plan**

      An endpoint change: code, tests, docs.

      - [ ] **1. Write the code for GET /health** · CodeGenerationAgent · waiting
      - [ ] **2. Test GET /health** · TestingAgent · waiting
      - [ ] **3. Document GET /health** · DocumentationAgent · waiting

      Provider openai · model gpt-4o-mini · budget $2.00 · estimated $0.04–$0.11 (from 6 earlier tasks of this repository)

      **Next**

      - [ ] Approve the plan and start <!-- archon:tick action=approve task=42 -->
      - [ ] Cancel this task <!-- archon:tick action=cancel task=42 -->

      Or comment:
      - \`/archon approve\`: approve the plan and start
      - \`/archon plan\`: plan again from the issue as it reads now
      - \`/archon cancel\`: stop the task
      "
    `);
    const free: CostEstimate = { provider: "template", model: null, budgetUsd: null, lowUsd: 0, highUsd: 0, basis: { kind: "free" } };
    expect(renderStatusComment({ ...taskIn("awaiting_approval"), estimate: free })).toContain("\n\nProvider template · free (no model)\n\n**Next**");
    expect(renderStatusComment({ ...taskIn("running"), estimate })).not.toContain("Provider");
    expect(renderStatusComment({ ...taskIn("running"), estimate })).toBe(renderStatusComment(taskIn("running")));
  });

  it("keeps a model name from the config from writing markdown or HTML into the comment", () => {
    const estimate: CostEstimate = { provider: "openai", model: "<img src=x> @admin", budgetUsd: null, lowUsd: 0, highUsd: 0, basis: { kind: "no_price" } };
    const body = renderStatusComment({ ...taskIn("awaiting_approval"), estimate });
    expect(body).toContain("model &lt;img src=x&gt; &#64;admin · no budget");
    expect(body).not.toContain("<img");
  });

  it("neutralises markdown and mentions in untrusted text", () => {
    const task = { ...taskIn("running"), title: "Ping @admin <!-- archon:status task=1 --> <img src=x>\n# big" };
    const body = renderStatusComment(task);
    expect(body).toContain("### Archon: Ping &#64;admin &lt;!-- archon:status task=1 --&gt; &lt;img src=x&gt; # big");
    expect(findMarkedTask(body, "status")).toBe("42");
  });

  it("offers boxes that diffCheckboxes reads back as commands", () => {
    const body = renderStatusComment(taskIn("needs_attention"));
    const ticked = body.replace("- [ ] Retry step 2", "- [x] Retry step 2").replace("- [ ] Cancel", "- [x] Cancel");
    expect(diffCheckboxes(body, ticked)).toEqual([
      { kind: "command", name: "retry", args: ["2"] },
      { kind: "command", name: "cancel", args: [] },
    ]);
    const approval = renderStatusComment(taskIn("awaiting_approval"));
    expect(diffCheckboxes(approval, approval.replace("- [ ] Approve", "- [x] Approve"))).toEqual([
      { kind: "command", name: "approve", args: [] },
    ]);
  });
});
