// DNSUser over UDP, TCP and DNS-over-HTTPS. Run: bunx locust-bun -f examples/dns.ts --host dns://127.0.0.1:53 --headless -u 5 -t 30s
import { between, task } from "locust-bun";
import { DNSUser } from "locust-bun/dns";

/** Optional DoH endpoint (e.g. https://127.0.0.1:8443/dns-query); the DoH task is skipped without it. */
const DOH_URL = process.env.DOH_URL;

export class Resolver extends DNSUser {
  // Every query: 2 s timeout; a NOERROR reply without records counts as a failure (Locust's rule).
  static override timeout = 2;
  override waitTime = between(0.1, 0.5);

  @task(5)
  async address() {
    // Reported as DNS / "A example.com"; NXDOMAIN, SERVFAIL, REFUSED and timeouts are failures.
    await this.client.query("example.com", "A");
  }

  @task(2)
  async ipv6() {
    // A NOERROR reply without AAAA records is fine here. The decoded reply is returned even when it counts
    // as a failure, so its rcode and answers can be checked.
    const reply = await this.client.query("example.com", "AAAA", { allowEmpty: true });
    if (reply?.rcode === "NOERROR" && reply.answers.length > 0) await this.client.query("www.example.com", "AAAA");
  }

  @task
  async mailOverTcp() {
    await this.client.query("example.com", "MX", { transport: "tcp", requestName: "MX over TCP" });
  }

  @task
  async missingNameIsExpected() {
    // Here NXDOMAIN is the right answer, so it is not a failure.
    await this.client.query("no-such-name.example.com", "A", { allowedRcodes: ["NOERROR", "NXDOMAIN"] });
  }

  @task
  async overHttps() {
    if (!DOH_URL) return;
    await this.client.query("example.com", "A", { server: DOH_URL, dohMethod: "GET", insecure: true });
  }
}
