import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { MAX_BODY, toDomainEvent } from "../../src/webhooks/domain-event.js";

type Example = { name: string; examples: Record<string, any>[] };

function example(name: string, action?: string): Record<string, any> {
  const group = (examples as unknown as Example[]).find((e) => e.name === name);
  const found = group?.examples.find((p) => action === undefined || p.action === action);
  if (!found) throw new Error(`no example for ${name}.${action}`);
  // App deliveries always carry the installation; the public examples mostly do not.
  return { installation: { id: 42 }, ...structuredClone(found) };
}

describe("toDomainEvent on real payload shapes", () => {
  it("keeps a labeled issue with its label, author and sender", () => {
    const payload = example("issues", "labeled");
    const result = toDomainEvent("issues", payload);
    expect(result.kind).toBe("event");
    if (result.kind !== "event" || result.event.type !== "issue") return;
    expect(result.event.installationId).toBe(42);
    expect(result.event.label).toBe(payload.label.name);
    expect(result.event.repo.fullName).toBe(payload.repository.full_name);
  });

  it.each([
    ["issue_comment by a bot", "issue_comment", "created", (p: any) => { p.sender.type = "Bot"; p.comment.body = "/archon run"; }, "comment by a bot"],
    ["comment without a command", "issue_comment", "created", (p: any) => { p.comment.body = "looks good"; }, "no /archon command"],
    ["payload without a repository", "issues", "labeled", (p: any) => { delete p.repository; }, "payload without a repository"],
    ["unknown issue action", "issues", "labeled", (p: any) => { p.action = "transferred_somewhere"; }, "not an action Archon follows"],
    ["check run not on an archon branch", "check_run", "completed", (p: any) => { p.check_run.check_suite.head_branch = "main"; }, "not on an archon/ branch"],
  ])("ignores %s", (_, name, action, mutate, reason) => {
    const payload = example(name, action);
    mutate(payload);
    const result = toDomainEvent(name, payload);
    expect(result).toMatchObject({ kind: "ignored" });
    if (result.kind === "ignored") expect(result.reason).toContain(reason);
  });

  it("ignores events Archon does not follow", () => {
    expect(toDomainEvent("star", example("star"))).toMatchObject({ kind: "ignored" });
  });

  it("keeps a slash command and cuts a 65 KB comment body", () => {
    const payload = example("issue_comment", "created");
    payload.sender.type = "User";
    payload.comment.body = `/archon fix ${"x".repeat(70_000)}`;
    const result = toDomainEvent("issue_comment", payload);
    expect(result.kind).toBe("event");
    if (result.kind === "event" && result.event.type === "comment") expect(result.event.comment.body).toHaveLength(MAX_BODY);
  });

  it("never throws on junk", () => {
    for (const junk of [null, undefined, 42, "x", [], { action: 5 }, { repository: {}, installation: {} }]) {
      for (const name of ["issues", "issue_comment", "check_run", "installation", "pull_request", "workflow_run"]) {
        expect(() => toDomainEvent(name, junk)).not.toThrow();
      }
    }
  });
});
