import { describe, expect, test } from "bun:test";
import { DnsError, findResponseFailure, type DnsResponse } from "../../../src/protocols/dns/dns-response.ts";

function response(rcode: string, answerCount: number): DnsResponse {
  const answers = Array.from({ length: answerCount }, () => ({ name: "a.test", type: "A", data: "10.0.0.1" }));
  return { id: 1, flags: 0, rcode, questions: [], answers, authorities: [], additionals: [] };
}

const strict = { allowEmpty: false, allowedRcodes: ["NOERROR"] };

describe("findResponseFailure", () => {
  test.each([
    ["NOERROR", 1, strict, null],
    ["NOERROR", 0, strict, "No answer in DNS response"],
    ["NOERROR", 0, { ...strict, allowEmpty: true }, null],
    ["NXDOMAIN", 0, strict, "DNS response code NXDOMAIN"],
    ["SERVFAIL", 0, { ...strict, allowEmpty: true }, "DNS response code SERVFAIL"],
    ["REFUSED", 0, strict, "DNS response code REFUSED"],
    ["NXDOMAIN", 0, { ...strict, allowedRcodes: ["NOERROR", "NXDOMAIN"] }, null],
  ])("%s with %d answers under %o → %p", (rcode, count, rules, message) => {
    const failure = findResponseFailure(response(rcode, count), rules);
    expect(failure).toEqual(message === null ? null : new DnsError(message, rcode));
    if (failure) expect(failure.rcode).toBe(rcode);
  });
});
