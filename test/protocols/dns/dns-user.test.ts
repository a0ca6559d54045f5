import { describe, expect, test } from "bun:test";
import type { udp } from "bun";
import { Environment } from "../../../src/core/environment.ts";
import { DNSUser } from "../../../src/protocols/dns/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

type UdpData = (socket: udp.Socket<"buffer">, bytes: Buffer, port: number, address: string) => void;

/** A UDP socket on 127.0.0.1 that `await using` closes (Bun's types lack its dispose method). */
async function openUdpServer(data: UdpData = () => {}): Promise<udp.Socket<"buffer"> & AsyncDisposable> {
  const socket = await Bun.udpSocket({ hostname: "127.0.0.1", socket: { data } });
  return Object.assign(socket, { [Symbol.asyncDispose]: async () => socket.close() });
}

describe("DNSUser", () => {
  test("is abstract while its subclasses are not", () => {
    class Resolver extends DNSUser {}
    expect(Object.hasOwn(DNSUser, "abstract") && DNSUser.abstract).toBe(true);
    expect(Object.hasOwn(Resolver, "abstract")).toBe(false);
  });

  test("takes the server from --host and the query defaults from the class's static settings", () => {
    class Resolver extends DNSUser {
      static override host = "dns://10.0.0.1:53";
      static override timeout = 2;
      static override allowEmpty = true;
      static override allowedRcodes = ["NOERROR", "NXDOMAIN"];
      static override insecure = true;
      static override dohMethod = "GET" as const;
      static override transport = "tcp" as const;
    }
    const fromFlag = new Resolver(new Environment({ host: "dns://127.0.0.1:5353" }));
    const fromClass = new Resolver(new Environment());
    expect(fromFlag.client.settings).toEqual({
      server: "dns://127.0.0.1:5353",
      transport: "tcp",
      timeout: 2,
      allowEmpty: true,
      allowedRcodes: ["NOERROR", "NXDOMAIN"],
      insecure: true,
      dohMethod: "GET",
      recursionDesired: true,
    });
    expect(fromClass.client.settings.server).toBe("dns://10.0.0.1:53");
  });

  test("a query after onStop is a counted failure, not a hang", async () => {
    await using silent = await openUdpServer();
    const { env, events } = createRecordingEnvironment({ host: `dns://127.0.0.1:${silent.port}` });
    const user = new (defineUserClass(DNSUser))(env);
    await user.beforeStart();
    await user.dispose();
    expect(await user.client.query("example.test")).toBeUndefined();
    expect(String(events[0]?.exception)).toContain("DNS client closed");
  });
});
