import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { importDnsPacket } from "../../../src/protocols/dns/import-dns-packet.ts";

describe("importDnsPacket", () => {
  test("loads the installed dns-packet module", async () => {
    const packet = await importDnsPacket();
    expect(typeof packet.encode).toBe("function");
  });

  test("a missing dns-packet package is a LocustError that says how to install it", async () => {
    const failing = () => Promise.reject(new Error("Cannot find package 'dns-packet'"));
    const error = await importDnsPacket(failing).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(LocustError);
    expect(error).toMatchObject({
      message: "DNSUser needs the 'dns-packet' package: bun add dns-packet",
      code: "MISSING_DEPENDENCY",
    });
  });
});
