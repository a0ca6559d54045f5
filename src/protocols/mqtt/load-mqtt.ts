import type * as Mqtt from "mqtt";
import { LocustError } from "../../core/errors.ts";

/** The mqtt.js module namespace. */
export type MqttModule = typeof Mqtt;

/**
 * Imports mqtt.js on first use, so that importing locust-bun (or running an HTTP test) never loads it. The import
 * stays a literal so bundlers (`bun build --compile`) can still see it; `importer` exists for tests.
 * @throws LocustError when the package is not installed.
 */
export async function loadMqtt(importer: () => Promise<unknown> = () => import("mqtt")): Promise<MqttModule> {
  try {
    return (await importer()) as MqttModule;
  } catch (err) {
    throw new LocustError("MqttUser needs the 'mqtt' package: bun add mqtt", {
      code: "MISSING_DEPENDENCY",
      hint: "Install it in the project that holds the locustfile: bun add mqtt",
      cause: err,
    });
  }
}
