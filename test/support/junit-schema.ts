/**
 * Checks a JUnit XML file against the common JUnit schema shape (the Jenkins/Ant `junit-10.xsd` that GitHub
 * Actions reporters, GitLab and Azure read), using Python's own XML parser, not ours: the root is `<testsuites>`
 * of `<testsuite name tests failures errors [skipped] [time] [timestamp]>`, each holding `<testcase name
 * classname [time]>` with at most one `<failure [message] [type]>`; numbers are numbers and counts add up.
 * @module
 */
import { findPython, runPython } from "./python.ts";

/** A parsed case. */
export interface JunitCaseShape {
  name: string;
  classname: string;
  failure: string | null;
}

/** What the checker returns: the problems found (none when valid) and the cases, suite by suite. */
export interface JunitShape {
  problems: string[];
  suites: { name: string; tests: number; failures: number; cases: JunitCaseShape[] }[];
}

const CHECKER = String.raw`
import json, re, sys
import xml.etree.ElementTree as ET
problems, suites = [], []
root = ET.fromstring(sys.stdin.buffer.read())
NUM = re.compile(r"^\d+$")
DEC = re.compile(r"^\d+(\.\d+)?$")
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
def need(el, attr, pattern=None):
    value = el.get(attr)
    if value is None: problems.append(f"<{el.tag}> lacks {attr}")
    elif pattern is not None and not pattern.match(value): problems.append(f"<{el.tag}> {attr}={value!r} is malformed")
    return value
if root.tag != "testsuites": problems.append(f"root is <{root.tag}>, not <testsuites>")
for suite in root:
    if suite.tag != "testsuite": problems.append(f"<{suite.tag}> inside <testsuites>"); continue
    name = need(suite, "name")
    tests, failures = need(suite, "tests", NUM), need(suite, "failures", NUM)
    need(suite, "errors", NUM)
    for attr, pattern in (("skipped", NUM), ("time", DEC), ("timestamp", STAMP)):
        if suite.get(attr) is not None: need(suite, attr, pattern)
    cases = []
    for case in suite:
        if case.tag in ("properties", "system-out", "system-err"): continue
        if case.tag != "testcase": problems.append(f"<{case.tag}> inside <testsuite>"); continue
        need(case, "name"); need(case, "classname")
        if case.get("time") is not None: need(case, "time", DEC)
        found = [child for child in case if child.tag == "failure"]
        others = [child.tag for child in case if child.tag not in ("failure", "skipped", "error", "system-out", "system-err")]
        if others: problems.append(f"<testcase> holds {others}")
        if len(found) > 1: problems.append("<testcase> with several <failure>")
        cases.append({"name": case.get("name"), "classname": case.get("classname"), "failure": found[0].get("message") if found else None})
    if tests is not None and int(tests) != len(cases): problems.append(f"tests={tests} but {len(cases)} cases")
    if failures is not None and int(failures) != sum(1 for c in cases if c["failure"] is not None): problems.append("failures does not count the failed cases")
    suites.append({"name": name, "tests": int(tests or 0), "failures": int(failures or 0), "cases": cases})
print(json.dumps({"problems": problems, "suites": suites}))
`;

/** Python, when it is there (else the tests skip with a printed reason, or fail under CI). */
export const junitPython = findPython(["xml.etree.ElementTree"], "the JUnit schema checks");

/** Parses and checks `xml`. */
export async function checkJunitShape(python: string, xml: string): Promise<JunitShape> {
  return JSON.parse(await runPython(python, CHECKER, xml)) as JunitShape;
}
