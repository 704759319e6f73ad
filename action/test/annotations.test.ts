import { describe, expect, it } from "vitest";
import { ANNOTATIONS_PER_REQUEST, buildAnnotations, inBatches } from "../src/report/annotations.js";
import { fakeRepository } from "./support/fake-repository.js";
import { junitXml, testRunOf } from "./support/test-runs.js";

describe("buildAnnotations", () => {
  const repository = fakeRepository(["src/big.test.js", "src/other.test.js"]);

  it("makes one failure annotation per located failure", () => {
    const run = testRunOf(junitXml(5, 2), repository);
    expect(buildAnnotations(run.failures)).toEqual([
      {
        path: "src/big.test.js",
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: "big › case 0",
        message: "expected 0 to be 1",
        raw_details: expect.stringContaining("at Object.<anonymous> (src/big.test.js:1:7)"),
      },
      expect.objectContaining({ path: "src/big.test.js", start_line: 2, title: "big › case 1" }),
    ]);
  });

  it("skips failures without a location and, when asked, outside the changed files", () => {
    const located = testRunOf(junitXml(3, 3, "src/big.test.js"), repository).failures;
    const unlocated = testRunOf(junitXml(2, 2, "src/gone.test.js"), repository).failures;
    expect(unlocated.every((failure) => failure.location === undefined)).toBe(true);
    expect(buildAnnotations([...located, ...unlocated])).toHaveLength(3);
    expect(buildAnnotations(located, new Set(["src/other.test.js"]))).toEqual([]);
    expect(buildAnnotations(located, new Set(["src/big.test.js"]))).toHaveLength(3);
  });
});

describe("inBatches", () => {
  it.each([
    { count: 0, sizes: [] },
    { count: 50, sizes: [50] },
    { count: 51, sizes: [50, 1] },
    { count: 1_237, sizes: [...Array<number>(24).fill(50), 37] },
  ])("splits $count annotations into requests of $sizes", ({ count, sizes }) => {
    const batches = inBatches(Array.from({ length: count }, (_, index) => index));
    expect(batches.map((batch) => batch.length)).toEqual(sizes);
    expect(Math.max(0, ...batches.map((batch) => batch.length))).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST);
  });
});
