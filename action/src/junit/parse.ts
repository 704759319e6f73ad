import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ParsedReport, TestCase, TestFailure } from "./test-case.js";

export class JUnitParseError extends Error {
  override readonly name = "JUnitParseError";
}

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(["testsuites", "testsuite", "testcase", "failure", "error", "skipped", "system-out"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Runners escape newlines in attributes as &#10; (pytest's failure messages).
  htmlEntities: true,
  isArray: (tagName) => REPEATED.has(tagName),
});

/**
 * Reads one JUnit XML document: `<testsuites>` or a bare `<testsuite>`, suites nested at any depth.
 * Throws JUnitParseError for text that is not well-formed XML or not JUnit.
 */
export function parseJUnit(xml: string, report: string): ParsedReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new JUnitParseError(describeInvalid(valid.err));
  }
  const document = parser.parse(xml) as XmlNode;
  if (!("testsuites" in document) && !("testsuite" in document)) {
    throw new JUnitParseError("no <testsuites> or <testsuite> element at the top");
  }
  const cases: TestCase[] = [];
  collectSuite(document, { names: [], file: undefined, report }, cases);
  return { report, cases };
}

function describeInvalid(err: { code: string; msg: string; line: number; col?: number }): string {
  // The validator lists unclosed elements as a JSON array: usually a file cut short mid-write.
  const unclosed = /^Invalid '(\[.*\])' found\.$/s.exec(err.msg)?.[1];
  if (unclosed !== undefined) {
    const tags = (JSON.parse(unclosed) as string[]).map((tag) => `<${tag}>`).join(", ");
    return `not well-formed XML: ${tags} never closed (was the file cut short?)`;
  }
  const where = err.col === undefined ? `line ${err.line}` : `line ${err.line}, column ${err.col}`;
  return `not well-formed XML at ${where}: ${err.msg}`;
}

interface SuiteScope {
  names: string[];
  file: string | undefined;
  report: string;
}

function collectSuite(suite: XmlNode, scope: SuiteScope, out: TestCase[]): void {
  for (const testcase of nodes(suite, "testcase")) out.push(toTestCase(testcase, scope));
  // `<testsuites>` names are generic ("jest tests", "Mocha Tests"), so only `<testsuite>` names count.
  for (const group of nodes(suite, "testsuites")) collectSuite(group, scope, out);
  for (const child of nodes(suite, "testsuite")) collectSuite(child, enter(child, scope), out);
}

function enter(suite: XmlNode, scope: SuiteScope): SuiteScope {
  const name = attribute(suite, "name");
  // mocha-junit-reporter wraps everything in a "Root Suite" and puts the spec file on the suite.
  const named = name !== undefined && name !== "" && name !== "Root Suite";
  return {
    names: named ? [...scope.names, name] : scope.names,
    file: attribute(suite, "file") ?? scope.file,
    report: scope.report,
  };
}

function toTestCase(node: XmlNode, scope: SuiteScope): TestCase {
  const failure = firstFailure(node);
  const skipped = nodes(node, "skipped").length > 0 || attribute(node, "status") === "skipped";
  const line = Number.parseInt(attribute(node, "line") ?? "", 10);
  const systemOut = nodes(node, "system-out").map(text).join("\n").trim();
  const testCase: TestCase = {
    report: scope.report,
    suites: scope.names,
    classname: attribute(node, "classname") ?? "",
    name: attribute(node, "name") ?? "(unnamed test)",
    time: seconds(attribute(node, "time")),
    status: failure ? (failure.kind === "error" ? "errored" : "failed") : skipped ? "skipped" : "passed",
  };
  const file = attribute(node, "file") ?? scope.file;
  if (file) testCase.file = file;
  if (Number.isFinite(line)) testCase.line = line;
  if (failure) testCase.failure = failure;
  if (systemOut) testCase.systemOut = systemOut;
  return testCase;
}

function firstFailure(node: XmlNode): TestFailure | undefined {
  for (const kind of ["failure", "error"] as const) {
    const element = nodes(node, kind)[0];
    if (element === undefined) continue;
    const details = text(element).trim();
    const message = attribute(element, "message")?.trim() || firstLine(details) || kind;
    const failure: TestFailure = { kind, message, details };
    const type = attribute(element, "type");
    if (type) failure.type = type;
    return failure;
  }
  return undefined;
}

function nodes(parent: XmlNode, tag: string): XmlNode[] {
  const value = parent[tag];
  if (!Array.isArray(value)) return [];
  // `<skipped/>` parses to an empty string, which still counts as present.
  return value.map((item: unknown) =>
    typeof item === "object" && item !== null ? (item as XmlNode) : { "#text": String(item) },
  );
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === "string" ? value : undefined;
}

function text(node: XmlNode): string {
  const value = node["#text"];
  return typeof value === "string" ? value : "";
}

function firstLine(value: string): string {
  return value.split("\n", 1)[0]?.trim() ?? "";
}

/** Some runners write locale-formatted times such as "1,234.5". */
function seconds(value: string | undefined): number {
  const parsed = Number.parseFloat((value ?? "").replaceAll(",", ""));
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 0;
}
