/**
 * The entry of an executable made by `locust-bun build`: registers the locustfiles compiled into it, then runs the
 * usual CLI, which imports them instead of reading `-f`.
 * @module
 */
import locustfiles from "locust-bun:embedded-locustfiles";
import { embedLocustfiles } from "../../core/locustfile/embedded.ts";

embedLocustfiles(locustfiles);
await import("../../cli.ts");
