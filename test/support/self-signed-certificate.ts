/**
 * Self-signed TLS certificates (for 127.0.0.1 unless asked otherwise), made once per test process by `openssl`, for
 * HTTPS test servers.
 * @module
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** PEM texts, as `Bun.serve({ tls })` takes them. */
export interface Certificate {
  cert: string;
  key: string;
}

const certificates = new Map<string, Promise<Certificate>>();

/**
 * True when `openssl` is installed. Otherwise prints that `what` is skipped, and returns false — or throws under
 * CI, where a test may not skip for a missing binary.
 */
export function hasOpenssl(what: string): boolean {
  if (Bun.which("openssl")) return true;
  if (process.env.CI) throw new Error(`openssl is required for ${what} under CI`);
  console.warn(`skipping ${what}: openssl not found`);
  return false;
}

/**
 * A certificate for `name` (CN and subjectAltName; an IP address or a DNS name, 127.0.0.1 by default), valid one
 * day, created once per process and name.
 */
export function createSelfSignedCertificate(name = "127.0.0.1"): Promise<Certificate> {
  let certificate = certificates.get(name);
  if (certificate === undefined) certificates.set(name, (certificate = generate(name)));
  return certificate;
}

async function generate(name: string): Promise<Certificate> {
  const altName = /^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`;
  const dir = await mkdtemp(join(tmpdir(), "locust-bun-cert-"));
  try {
    const keyPath = join(dir, "key.pem");
    const certPath = join(dir, "cert.pem");
    // An EC key: generated in milliseconds, where RSA takes a noticeable fraction of a second.
    const openssl = Bun.spawn(
      ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", `/CN=${name}`,
        "-addext", `subjectAltName=${altName}`],
      { stdout: "ignore", stderr: "pipe" },
    );
    if ((await openssl.exited) !== 0) throw new Error(`openssl failed: ${await new Response(openssl.stderr).text()}`);
    return { cert: await readFile(certPath, "utf8"), key: await readFile(keyPath, "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
