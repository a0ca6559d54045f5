/**
 * Real Locust (Python) for interop tests. Debian's build reports an empty version, which every master rejects from
 * a worker ("An old (pre 2.0) worker tried to connect"), so Locust is started through a small launcher that sets
 * the version first. Find the Python with `findPython(["locust"], …)` from python.ts.
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startCommand, type CliProcess, type ProcessOptions } from "./cli-process.ts";

/** The version the launcher gives Locust: Debian's 2.12.1 package. */
const PYTHON_LOCUST_VERSION = "2.12.1";

const LAUNCHER = `import sys
import locust.runners
locust.runners.__version__ = "${PYTHON_LOCUST_VERSION}"
from locust.main import main
sys.argv[0] = "locust"
sys.exit(main())
`;

/** Starts `locust ...args` (real Locust) in `options.cwd`, writing the launcher there first. */
export function startPythonLocust(python: string, args: string[], options: ProcessOptions): CliProcess {
  const launcher = join(options.cwd, "locust_launcher.py");
  writeFileSync(launcher, LAUNCHER);
  return startCommand([python, launcher, ...args], options);
}
