/**
 * Finds a Python 3 that has pyzmq and msgpack (Debian's python3-zmq and python3-msgpack, which python3-locust
 * installs), for the ZMTP interoperability tests against real libzmq.
 * @module
 */

/** System Python first: Debian's packages live there even when another python3 is first on PATH. */
const CANDIDATES = ["/usr/bin/python3", "python3"];

/** The Python to use, or undefined (with the reason printed) when none has zmq; throws under CI. */
export function findPythonWithZmq(): string | undefined {
  for (const candidate of CANDIDATES) {
    const binary = candidate.startsWith("/") ? candidate : Bun.which(candidate);
    if (!binary) continue;
    const probe = Bun.spawnSync([binary, "-c", "import zmq, msgpack"], { stdout: "ignore", stderr: "ignore" });
    if (probe.exitCode === 0) return binary;
  }
  const reason = "no python3 with zmq and msgpack (apt-get install python3-zmq python3-msgpack)";
  if (process.env.CI) throw new Error(`ZMTP interop tests need pyzmq: ${reason}`);
  console.warn(`skipping pyzmq interop tests: ${reason}`);
  return undefined;
}
