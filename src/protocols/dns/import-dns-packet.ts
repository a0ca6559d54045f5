import type * as DnsPacket from "dns-packet";
import { LocustError } from "../../core/errors.ts";

/** The `dns-packet` module, as loaded on first use. */
export type DnsPacketModule = typeof DnsPacket;

/**
 * Loads `dns-packet` on first use, so importing locust-bun never loads it.
 * @param load how to import it (tests pass a failing loader)
 */
export async function importDnsPacket(
  load: () => Promise<unknown> = () => import("dns-packet"),
): Promise<DnsPacketModule> {
  try {
    const loaded = (await load()) as DnsPacketModule & { default?: DnsPacketModule };
    return typeof loaded.encode === "function" ? loaded : loaded.default!;
  } catch (error) {
    throw new LocustError("DNSUser needs the 'dns-packet' package: bun add dns-packet", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it next to locust-bun: bun add dns-packet",
      cause: error,
    });
  }
}
