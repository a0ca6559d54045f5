import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { udp } from "bun";
import { DNSUser, DnsError, DnsTimeoutError, type DnsRecord } from "../../../src/protocols/dns/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { checkDnsmasq, DNSMASQ_RECORDS as R, startDnsmasq, type Dnsmasq } from "../../support/dnsmasq.ts";
import { startDohServer, type DohServer } from "../../support/doh-server.ts";
import { freePort } from "../../support/free-port.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

type UdpData = (socket: udp.Socket<"buffer">, bytes: Buffer, port: number, address: string) => void;

/** A UDP socket on 127.0.0.1 that `await using` closes (Bun's types lack its dispose method). */
async function openUdpServer(data: UdpData = () => {}): Promise<udp.Socket<"buffer"> & AsyncDisposable> {
  const socket = await Bun.udpSocket({ hostname: "127.0.0.1", socket: { data } });
  return Object.assign(socket, { [Symbol.asyncDispose]: async () => socket.close() });
}

const haveDnsmasq = checkDnsmasq();

/** A DNSUser subclass with the given statics, on a fresh environment that records stats and request events. */
function createUser(host: string | undefined, statics: Partial<typeof DNSUser> = {}) {
  const { env: environment, events } = createRecordingEnvironment({ host });
  return { user: new (defineUserClass(DNSUser, statics))(environment), environment, events };
}

const dataOf = (answers: DnsRecord[] | undefined, type: string) =>
  (answers ?? []).filter((answer) => answer.type === type).map((answer) => answer.data);

describe.skipIf(!haveDnsmasq)("DNSClient against dnsmasq", () => {
  let dnsmasq: Dnsmasq;
  let doh: DohServer;
  beforeAll(async () => {
    dnsmasq = await startDnsmasq();
    doh = await startDohServer(dnsmasq.port);
  });
  afterAll(async () => {
    await doh?.stop();
    await dnsmasq?.stop();
  });

  test("answers A, AAAA, TXT, MX, SRV and CNAME records over UDP", async () => {
    const { user } = createUser(dnsmasq.url);
    await user.beforeStart();
    const a = await user.client.query(R.a.name, "A");
    const aaaa = await user.client.query(R.a.name, "AAAA");
    const txt = await user.client.query(R.txt.name, "TXT");
    const mx = await user.client.query(R.mx.name, "MX");
    const srv = await user.client.query(R.srv.name, "SRV");
    const alias = await user.client.query(R.cname.name, "A");
    await user.dispose();
    expect(dataOf(a?.answers, "A")).toEqual([R.a.ipv4]);
    expect(dataOf(aaaa?.answers, "AAAA")).toEqual([R.a.ipv6]);
    expect(dataOf(txt?.answers, "TXT").map((parts) => String(parts))).toEqual([R.txt.text]);
    expect(dataOf(mx?.answers, "MX")).toEqual([{ preference: R.mx.preference, exchange: R.mx.exchange }]);
    const { target, port, priority, weight } = R.srv;
    expect(dataOf(srv?.answers, "SRV")).toEqual([{ target, port, priority, weight }]);
    expect(dataOf(alias?.answers, "CNAME")).toEqual([R.cname.target]);
    expect(dataOf(alias?.answers, "A")).toEqual([R.host.ipv4]);
  });

  test("reports each query as type DNS named '<type> <name>' with the response size as length", async () => {
    const { user, environment, events } = createUser(dnsmasq.url);
    await user.client.query(R.a.name, "A");
    await user.client.query(R.a.name, "A");
    await user.client.query(R.mx.name, "MX", { requestName: "mail exchanger" });
    await user.dispose();
    const a = environment.stats.find(`A ${R.a.name}`, "DNS")!;
    expect([a.numRequests, a.numFailures]).toEqual([2, 0]);
    expect(a.totalContentLength).toBe(events[0]!.responseLength * 2);
    expect(events[0]!.responseLength).toBeGreaterThan(12);
    expect(environment.stats.find("mail exchanger", "DNS")?.numRequests).toBe(1);
    expect(environment.stats.total.numRequests).toBe(3);
  });

  test("counts NXDOMAIN and REFUSED as failures but still returns the response", async () => {
    const { user, environment } = createUser(dnsmasq.url);
    const missing = await user.client.query(R.missing, "A");
    const outside = await user.client.query(R.outside, "A");
    await user.dispose();
    expect([missing?.rcode, outside?.rcode]).toEqual(["NXDOMAIN", "REFUSED"]);
    expect(environment.stats.find(`A ${R.missing}`, "DNS")?.numFailures).toBe(1);
    expect(environment.stats.find(`A ${R.outside}`, "DNS")?.numFailures).toBe(1);
    const messages = [...environment.stats.errors].map((group) => group.error);
    expect(messages.sort()).toEqual(["DnsError('DNS response code NXDOMAIN')", "DnsError('DNS response code REFUSED')"]);
  });

  test("an allowed response code is a success", async () => {
    const { user, environment } = createUser(dnsmasq.url, { allowedRcodes: ["NOERROR", "NXDOMAIN"] });
    await user.client.query(R.missing, "A");
    await user.dispose();
    expect(environment.stats.find(`A ${R.missing}`, "DNS")?.numFailures).toBe(0);
  });

  test("an empty answer is a failure unless allowEmpty", async () => {
    const strict = createUser(dnsmasq.url);
    const lenient = createUser(dnsmasq.url, { allowEmpty: true });
    const reply = await strict.user.client.query(R.host.name, "MX");
    await lenient.user.client.query(R.host.name, "MX");
    await lenient.user.client.query(R.host.name, "A", { allowEmpty: false });
    await Promise.all([strict.user.dispose(), lenient.user.dispose()]);
    expect([reply?.rcode, reply?.answers.length]).toEqual(["NOERROR", 0]);
    expect(strict.events[0]!.exception).toEqual(new DnsError("No answer in DNS response", "NOERROR"));
    expect(lenient.environment.stats.find(`MX ${R.host.name}`, "DNS")?.numFailures).toBe(0);
    expect(lenient.environment.stats.find(`A ${R.host.name}`, "DNS")?.numFailures).toBe(0);
  });

  test("TCP and DoH (POST and GET) give the same answers as UDP", async () => {
    const { user, environment } = createUser(`tcp://127.0.0.1:${dnsmasq.port}`, { insecure: true });
    const tcp = await user.client.query(R.a.name, "A", { requestName: "tcp" });
    const post = await user.client.query(R.a.name, "A", { server: doh.url, requestName: "post" });
    const get = await user.client.query(R.a.name, "A", { server: doh.url, dohMethod: "GET", requestName: "get" });
    const udp = await user.client.query(R.a.name, "A", { transport: "udp", requestName: "udp" });
    await user.dispose();
    for (const reply of [tcp, post, get, udp]) expect(dataOf(reply?.answers, "A")).toEqual([R.a.ipv4]);
    expect(doh.requests.slice(-2).map((r) => [r.method, r.contentType])).toEqual([
      ["POST", "application/dns-message"],
      ["GET", null],
    ]);
    for (const name of ["tcp", "post", "get", "udp"]) expect(environment.stats.find(name, "DNS")?.numFailures).toBe(0);
  });

  test("DoH failures (untrusted certificate, HTTP error) are counted failures", async () => {
    const { user, events } = createUser(doh.url);
    const untrusted = await user.client.query(R.a.name, "A");
    doh.failNext(503);
    const httpError = await user.client.query(R.a.name, "A", { insecure: true });
    await user.dispose();
    expect([untrusted, httpError]).toEqual([undefined, undefined]);
    expect(String(events[0]!.exception)).toContain("certificate");
    expect(String(events[1]!.exception)).toContain("HTTP 503");
  });

  test("parallel UDP queries from one user each get their own answer", async () => {
    const { user } = createUser(dnsmasq.url);
    const names = [R.a.name, R.host.name, R.cname.name, R.mx.name];
    const types = ["A", "A", "CNAME", "MX"];
    const replies = await Promise.all(names.map((name, i) => user.client.query(name, types[i])));
    await user.dispose();
    expect(replies.map((reply) => reply?.questions[0]?.name)).toEqual(names);
  });
});

describe("DNSClient without a DNS server", () => {
  test("a UDP query nobody answers is a timeout failure", async () => {
    await using silent = await openUdpServer();
    const { user, environment, events } = createUser(`dns://127.0.0.1:${silent.port}`, { timeout: 0.05 });
    const reply = await user.client.query("example.test");
    await user.dispose();
    expect(reply).toBeUndefined();
    expect(events[0]!.exception).toEqual(new DnsTimeoutError("No DNS response within 0.05 s"));
    expect(environment.stats.find("A example.test", "DNS")?.numFailures).toBe(1);
  });

  test("a force-stop aborts the in-flight query without reporting it", async () => {
    await using silent = await openUdpServer(() => user.requestStop(true));
    const { user, events } = createUser(`dns://127.0.0.1:${silent.port}`, { timeout: 30 });
    const signal = user.signal;
    const error = await user.client.query("example.test").catch((reason: unknown) => reason);
    expect(signal.aborted).toBe(true);
    expect(error).toBe(signal.reason);
    await user.dispose();
    expect(events).toEqual([]);
  });

  test("a TCP connection refused and a missing server are counted failures with clear messages", async () => {
    const port = freePort();
    const { user, events } = createUser(undefined);
    await user.client.query("example.test", "A", { server: `tcp://127.0.0.1:${port}` });
    await user.client.query("example.test");
    await user.dispose();
    expect(events.map((event) => event.exception instanceof Error)).toEqual([true, true]);
    expect(String(events[0]!.exception)).toContain(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(String(events[1]!.exception)).toContain("No DNS server");
  });

  test("an unknown record type is a LocustError before anything is sent, not a silent 'no answer'", async () => {
    await using server = await openUdpServer(() => {
      throw new Error("nothing should be sent");
    });
    const { user, events } = createUser(`127.0.0.1:${server.port}`);
    await expect(user.client.query("example.test", "BOGUS")).rejects.toThrow("Unknown DNS record type 'BOGUS'");
    await user.dispose();
    expect(events).toEqual([]);
  });
});
